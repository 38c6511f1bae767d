// Discord renders #, ## and ### as headings; #### to ###### would show their hashes.
const deepHeading = /^[ \t]{0,3}#{4,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/gm;

/** "#### Step 2" becomes "**Step 2**", a bold line; headings Discord renders are left alone. */
export function deepHeadingsToBold(markdown: string): string {
  return markdown.replace(deepHeading, (line, title: string) => {
    const plain = title.replace(/\*\*/g, "").trim();
    return plain === "" ? line : `**${plain}**`;
  });
}
