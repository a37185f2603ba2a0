"""What each guided step asks of the analyst, in plain words (shown beside its checklist).

The steps follow the order of Heuer's Analysis of Competing Hypotheses, preceded by framing
the question; the wording is the project's own.
"""

from __future__ import annotations

TITLES: dict[str, str] = {
    "question": "Frame the question",
    "hypotheses": "1. Lay out the hypotheses",
    "evidence": "2. Gather evidence and arguments",
    "matrix": "3. Fill in the matrix",
    "refine": "4. Refine the matrix",
    "conclusions": "5. Draw tentative conclusions",
    "sensitivity": "6. Test how sensitive the conclusion is",
    "report": "7. Report on every hypothesis",
    "indicators": "8. Set indicators for the future",
}

EXPLANATIONS: dict[str, str] = {
    "question": (
        "Write down the one question the analysis has to answer, sharply enough that each "
        "hypothesis reads as a possible answer to it. Add the background a newcomer would need. "
        "A loose question lets the hypotheses drift apart until no item can be rated against "
        "all of them."
    ),
    "hypotheses": (
        "List every explanation a reasonable person might offer, not just the one you expect. "
        "Brainstorm with others if you can, and keep at least one that nobody in the room "
        "believes (deception, coincidence, the option a rival would pick): the hypothesis you "
        "never write down is the one you can never test. Give each a full statement so that "
        "two people rating it mean the same thing."
    ),
    "evidence": (
        "Collect what bears on the question: facts, claims, the assumptions you are making, and "
        "things you would expect to see under some hypothesis but do not. Missing evidence can "
        "be as telling as present evidence. Note where each item comes from and how far you "
        "trust it."
    ),
    "matrix": (
        "Take one item at a time and rate it against every hypothesis before moving to the "
        "next item. Working along a row makes you ask how the item sits with each explanation, "
        "instead of piling up support for a favourite column. Rate every cell; use NA when an "
        "item truly has no bearing on a hypothesis."
    ),
    "refine": (
        "Look again at hypotheses and evidence now that the matrix exists. Merge hypotheses that "
        "turn out to be the same, split ones that hide two ideas, and pay attention to items "
        "rated alike for every hypothesis: they may be true, but they cannot help you choose, "
        "so they should not carry your conclusion."
    ),
    "conclusions": (
        "Read the matrix for disproof rather than proof. The explanation that survives best is "
        "the one with the least evidence against it, not the one with the most evidence for "
        "it. Go down each hypothesis and ask what argues against it, and treat the result as "
        "provisional."
    ),
    "sensitivity": (
        "Find the few items the conclusion really depends on and ask what happens if any of "
        "them is wrong, misread or planted. Check the assumptions under the leading hypotheses "
        "the same way. A conclusion that one doubtful report can overturn should be stated "
        "with matching caution."
    ),
    "report": (
        "When you write up, say how likely each hypothesis is and why, including the ones you "
        "rejected. Readers need to know which alternatives were weighed and what would revive "
        "them, not just which explanation came first."
    ),
    "indicators": (
        "Name things to watch for that would confirm or undermine each hypothesis in the coming "
        "weeks or months. Analysis is never final: indicators tell you, and your readers, when "
        "to look at the question again. The leading hypothesis especially needs signs that "
        "would show it to be wrong."
    ),
}
