import { describe, expect, it } from "vitest";
import { mentionedEmails } from "@/lib/discussion/mentions";

describe("mentions", () => {
  it("finds each @email once, lowercased, without trailing punctuation", () => {
    expect(mentionedEmails("@Ana@Example.org, can you look? cc @bo.b+qc@lab.example.co.uk. Thanks @ana@example.org")).toEqual(["ana@example.org", "bo.b+qc@lab.example.co.uk"]);
  });

  it("ignores plain addresses and handles without a domain", () => {
    expect(mentionedEmails("mail ana@example.org or ping @ana, not x@@y.org")).toEqual([]);
    expect(mentionedEmails("")).toEqual([]);
  });
});
