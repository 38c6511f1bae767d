import { describe, expect, it } from "vitest";
import { toYaml } from "./config-yaml.ts";
import { parseProgressLine, summariseProgress } from "./parse-progress.ts";

describe("MLX-LM progress lines", () => {
  it("reads training and validation reports, and nothing else", () => {
    const train = parseProgressLine(
      "Iter 10: Train loss 2.345, Learning Rate 1.000e-05, It/sec 0.512, Tokens/sec 245.100, Trained Tokens 4800, Peak mem 9.876 GB",
    );
    expect(train).toEqual({
      iteration: 10,
      trainLoss: 2.345,
      learningRate: 1e-5,
      iterationsPerSecond: 0.512,
      tokensPerSecond: 245.1,
      trainedTokens: 4800,
      peakMemoryGb: 9.876,
    });
    expect(parseProgressLine("Iter 1: Val loss 2.100, Val took 3.200s")).toEqual({
      iteration: 1,
      valLoss: 2.1,
    });
    expect(parseProgressLine("Iter 100: Saved adapter weights to a and b.")).toBeUndefined();
    expect(parseProgressLine("Loading pretrained model")).toBeUndefined();
  });

  it("keeps the mean speed and the highest memory", () => {
    expect(
      summariseProgress([
        { iteration: 1, valLoss: 2 },
        { iteration: 10, tokensPerSecond: 200, peakMemoryGb: 9 },
        { iteration: 20, tokensPerSecond: 300, peakMemoryGb: 11 },
      ]),
    ).toEqual({ tokensPerSecond: 250, peakMemoryGb: 11 });
    expect(summariseProgress([])).toEqual({ tokensPerSecond: null, peakMemoryGb: null });
  });
});

describe("trainer config YAML", () => {
  it("quotes strings, writes floats PyYAML reads as floats, nests mappings", () => {
    expect(
      toYaml({
        train: true,
        model: "mlx-community/x: y",
        iters: 600,
        learning_rate: 1e-5,
        scale: 20.5,
        lora: { rank: 8 },
      }),
    ).toBe(
      [
        "train: true",
        'model: "mlx-community/x: y"',
        "iters: 600",
        "learning_rate: 1.0e-05",
        "scale: 2.05e+01",
        "lora:",
        "  rank: 8",
      ].join("\n"),
    );
  });
});
