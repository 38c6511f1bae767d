import { describe, expect, it } from "vitest";
import { stripTemplateTags } from "./strip-template-tags.ts";

describe("stripTemplateTags", () => {
  it("keeps link targets of page/link shortcodes inside Markdown links", () => {
    expect(
      stripTemplateTags(
        'See [the guide]({% page "/guides/travel/" %}) and {% link "https://example.org" %}.',
      ),
    ).toBe("See [the guide](/guides/travel/) and https://example.org.");
  });

  it("drops includes (even over several lines), comments and {{ expressions }}", () => {
    const text = [
      '{% include "steps.html"',
      "steps: travel.steps",
      "current: 2 %}",
      "Body text {% comment %}TODO: link{% endcomment %}for {{ page.owner }}everyone.",
      "{{generator:team_members_list}}",
    ].join("\n");
    expect(stripTemplateTags(text)).toBe("\nBody text for everyone.\n");
  });

  it("turns channel and image shortcodes into their readable text", () => {
    expect(stripTemplateTags('Ask in {% slack_channel "#help-desk" %}.')).toBe("Ask in #help-desk.");
    expect(stripTemplateTags('{% image "_img/map.png" "Map of the office" %}')).toBe("Map of the office");
  });

  it("unwraps raw blocks verbatim", () => {
    expect(stripTemplateTags('Write {% raw %}{% page "x" %}{% endraw %} to link.')).toBe(
      'Write {% page "x" %} to link.',
    );
  });

  it("leaves code blocks, inline code and GitHub Actions expressions alone", () => {
    const text = [
      "Use `{{ page.title }}` in a layout.",
      "```yaml",
      "image: {{ .Values.image }}",
      "```",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, kept literally on purpose
      "run: echo ${{ github.run_id }}",
    ].join("\n");
    expect(stripTemplateTags(text)).toBe(text);
  });

  it("does not hang on an unclosed tag in a large file", () => {
    const text = `${"{% ".repeat(5_000)}${"word ".repeat(200_000)}`;
    const started = performance.now();
    stripTemplateTags(text);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
