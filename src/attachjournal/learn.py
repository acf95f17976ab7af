"""What `learn` says: short explanations of the ideas the prompts use, kept as data.

The words live here, apart from the command that renders them, so they can be read and
reviewed in one place and tested without a terminal. Every text describes reactions
("this can look like…"), never what a person *is*; it makes modest claims and cites no
figures (see ../shared/docs/attachment-guide.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from attachjournal.vocabulary import THINKING_TRAPS


@dataclass(frozen=True)
class Section:
    """A heading and a few short paragraphs."""

    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class StyleNotes:
    """What one style can look like, how it tends to meet a threat, and ways forward."""

    looks_like: tuple[str, ...]
    under_threat: str
    origins: str
    toward_security: tuple[str, ...]


OVERVIEW: tuple[Section, ...] = (
    Section(
        "A lens, not a label",
        (
            "Attachment is our need, all through life, to feel close to and safe with the "
            "people we rely on. Early on we each learn ways of handling closeness and "
            "distance, and we tend to bring them into adult relationships. They are habits, "
            "not a fixed trait or a diagnosis, and habits can change.",
            "The same person can react one way with a partner and another way with a parent, "
            "so attachjournal looks at one moment with one person at a time. When you pick a "
            "style for an entry you are choosing a lens for that moment, not describing "
            "yourself.",
        ),
    ),
    Section(
        "Two dimensions",
        (
            "Researchers describe attachment along two lines. Anxiety: worry about whether "
            "others will be there and care, and fear of being rejected or left. Avoidance: "
            "unease with closeness and with depending on anyone.",
            "Each entry can rate both from 0 (none) to 10 (overwhelming). These are your own "
            "ratings of one moment, not a score on a test.",
        ),
    ),
    Section(
        "When closeness feels threatened",
        (
            "When someone important seems out of reach, two opposite strategies are common. "
            "Turning the alarm up means reaching harder: checking the phone again and again, "
            "sending one more message, asking for reassurance, keeping score. Turning the "
            "alarm down means putting distance in: going quiet, changing the subject, "
            "getting busy, dwelling on the other person's flaws.",
            "Both are ways of protecting yourself. The reflections ask which urges you noticed "
            "and whether you acted on each one: an urge noticed and not followed is one of the "
            "clearest signs of change.",
        ),
    ),
    Section(
        "Internal working models",
        (
            "Underneath the urges sit expectations we rarely say out loud: about ourselves "
            '("am I worth caring for?") and about others ("will they be there?"). They formed '
            "early and now run automatically. The prompts make them visible by asking what "
            "you expected from the other person and what the moment seemed to say about you.",
        ),
    ),
    Section(
        "Where patterns can come from",
        (
            "Care that was warm some days and absent on others tends to teach watchfulness, "
            "the anxious pattern. Care that was steadily distant or dismissive tends to teach "
            "self-reliance, the avoidant pattern. When the people who gave care were also "
            "frightening, there was no workable strategy, and that can show as the fearful "
            "pattern.",
            "This is about understanding, not blame. Looking back is optional and never "
            "needs painful detail; the `origins-working-models` template is there if and when "
            "you want it.",
        ),
    ),
    Section(
        "Four routes toward feeling secure",
        (
            "1. Self-awareness: catching your own automatic reactions as they happen. Every "
            "reflection is practice at this.",
            "2. Communication and boundaries: saying what you need and where your limits are, "
            "directly and kindly, instead of hinting or hoping to be understood without words. "
            "Try `need-in-words` and `boundary-setting`.",
            "3. Corrective relationships: noticing when someone responds reliably, so that old "
            "expectations meet new evidence. Try `secure-moment-log`.",
            "4. Therapy: attachment-focused therapy, and cognitive behavioural therapy (CBT), "
            "which works on the thoughts that keep a pattern going. Try `thought-record` and "
            "`session-prep`, and `attachjournal export --brief` for notes to bring along.",
        ),
    ),
)

TRAPS_INTRO = (
    "Thinking traps are habits of mind that everyone falls into, especially under stress. "
    "These are the ones that feed attachment fears most often:"
)
TRAPS: dict[str, str] = THINKING_TRAPS

SAFETY_NOTE = (
    "attachjournal is a notebook, not therapy and not a diagnosis. If you are at risk of "
    "harming yourself or of being harmed, please contact your local emergency services or a "
    "crisis line."
)

STYLE_NOTES: dict[str, StyleNotes] = {
    "anxious": StyleNotes(
        looks_like=(
            "wanting closeness and doubting that it will last",
            "reading a short reply or a quiet evening as a sign of being left",
            "needing reassurance, and finding it doesn't settle the worry for long",
            "your mood rising and falling with how the other person seems",
        ),
        under_threat="The alarm tends to turn up: checking, messaging again, replaying, "
        "keeping score, sometimes protest, such as threatening to leave.",
        origins="This pattern often grows where comfort was real but unpredictable, so "
        "staying alert to the other person's mood made sense.",
        toward_security=(
            "Notice the urge, name it, and let a little time pass before acting on it.",
            "Check the story against the facts: a thought record helps.",
            "Ask directly and calmly for what you need, once, instead of testing.",
            "Keep a record of the times people did come through.",
        ),
    ),
    "avoidant": StyleNotes(
        looks_like=(
            "valuing independence and feeling uneasy relying on anyone",
            "keeping feelings to yourself, sometimes without noticing them",
            "feeling crowded when someone wants more closeness or wants to talk",
            "pulling back after a close moment",
        ),
        under_threat="The alarm tends to turn down: going quiet, changing the subject, "
        "getting busy, noticing the other person's flaws, keeping options open.",
        origins="This pattern often grows where needs were met with distance or dismissal, so "
        "managing alone made sense.",
        toward_security=(
            "Notice the pull to withdraw and say out loud that you need space, and when you'll "
            "be back.",
            "Share one small feeling with someone who has been safe before.",
            "Treat a request to talk as a bid for connection rather than an attack.",
            "Notice what happens when you stay a few minutes longer than feels comfortable.",
        ),
    ),
    "fearful": StyleNotes(
        looks_like=(
            "wanting intimacy and being afraid of it",
            "swinging between reaching for someone and pushing them away",
            "finding it hard to trust, even when you want to",
            "feeling overwhelmed by closeness yet afraid of being alone",
        ),
        under_threat="Both alarms can sound at once, or one after the other: reaching and "
        "retreating, sometimes within the same hour.",
        origins="This pattern often grows where the people who offered care were also a "
        "source of fear, so neither reaching out nor pulling away felt safe.",
        toward_security=(
            "Name both pulls without judging either: both make sense.",
            "Look for a middle step between clinging and leaving, such as asking for a pause "
            "with a time to come back.",
            "Build trust in small, tested steps rather than all at once.",
            "Consider working with a therapist; this pattern can be a lot to untangle alone.",
        ),
    ),
    "secure": StyleNotes(
        looks_like=(
            "asking for what you need and expecting it can be heard",
            "tolerating distance without reading it as rejection",
            "holding limits without shutting the other person out",
            "coming back to repair after a rough moment",
        ),
        under_threat="The alarm still rings, but it tends to settle: you can feel the urge, "
        "check the facts, and choose what to do.",
        origins="Security often grows from care that was mostly reliable, and it can also be "
        "built later through steady relationships, therapy and practice.",
        toward_security=(
            "Notice what helped a safe moment feel safe, so you can find your way back to it.",
            "Keep practising the skills: stating needs, holding boundaries, repairing.",
            "Log the times someone came through.",
        ),
    ),
}
