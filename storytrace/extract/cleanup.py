"""News boilerplate cleanup for extracted or plain text.

Extractors leave behind lines that belong to the page, not the story: cookie
banners, "READ: ..." links to other stories, "Advertisement", breadcrumbs, tag
lists, share and newsletter prompts, photo credits and captions. Each rule here
matches a *whole* short line (or paragraph) and nothing inside running prose, so
a sentence that merely mentions an advertisement, or starts with "Read" as a
verb, is kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Longest line a boilerplate rule may remove; real paragraphs are longer and safe.
_SHORT = 220

_EXACT = {
    s.casefold()
    for s in (
        # adverts
        "Advertisement",
        "Advertisement - Scroll to continue",
        "Advertisement: Scroll to continue",
        "Scroll to continue",
        "Scroll to continue with content",
        "Story continues below advertisement",
        "Article continues below advertisement",
        "Article continues below",
        "Story continues below",
        "Continue reading below",
        "Continue reading the main story",
        "Skip advertisement",
        "Ad",
        "Sponsored",
        "Sponsored content",
        "Paid content",
        # related
        "Read more",
        "Read more here",
        "Read more:",
        "Read more stories",
        "Read full article",
        "Read the full article",
        "Related",
        "Related:",
        "Related stories",
        "Related articles",
        "Related coverage",
        "Related content",
        "More on this story",
        "More from this section",
        "Also read",
        "Also read:",
        "See also",
        "See also:",
        "Recommended",
        "Recommended for you",
        "Most read",
        "You may also like",
        "You might also like",
        "More stories",
        "More:",
        "Also:",
        "Don't miss",
        "Tags",
        "Topics",
        "Text size",
        "Order reprints",
        "Print article",
        "Print this article",
        "Email this article",
        "Most popular",
        "Trending",
        "Trending now",
        "Watch",
        "Watch:",
        # share
        "Share",
        "Share:",
        "Share this",
        "Share this article",
        "Share this story",
        "Share this post",
        "Share this page",
        "Share article",
        "Share story",
        "Share via",
        "Share via email",
        "Tweet",
        "Email",
        "Print",
        "Copy link",
        "Link copied",
        "Facebook",
        "Twitter",
        "LinkedIn",
        "WhatsApp",
        "Pinterest",
        "Reddit",
        "Comments",
        "Leave a comment",
        "View comments",
        "Show comments",
        "Add comment",
        "Add a comment",
        "Add your comment",
        "Post a comment",
        "Have your say",
        "Join the conversation",
        "Join the discussion",
        "Join the debate",
        "Comment on this story",
        "Comment on this article",
        "Loading...",
        "Loading…",
        # cookies and consent
        "Accept",
        "Accept all",
        "Accept all cookies",
        "Accept cookies",
        "Allow all",
        "Allow all cookies",
        "Reject all",
        "Decline",
        "I accept",
        "I agree",
        "Got it",
        "OK, got it",
        "Manage preferences",
        "Manage cookies",
        "Cookie settings",
        "Cookie preferences",
        "Privacy settings",
        # navigation
        "Breadcrumb",
        "Breadcrumbs",
        "You are here",
        "You are here:",
        "Skip to content",
        "Skip to main content",
        "Skip to navigation",
        "Menu",
        "Main menu",
        "Search",
        "Close",
        "Back to top",
        # newsletter and account
        "Subscribe",
        "Subscribe now",
        "Sign up",
        "Sign in",
        "Log in",
        "Register",
        "Newsletter",
        "Newsletters",
    )
}

_SEP = r"\s*[:\-–—|»›>]\s*"

_RULES: tuple[re.Pattern[str], ...] = (
    # Related-story lines: "READ: ...", "Read more: ...", "RELATED: ...", "See also: ...".
    re.compile(
        r"^[\[(]?(?:read|read more|read also|also read|related|related stories|related articles|related post|"
        r"related posts|related coverage|related content|related link|related reading|see also|see more|"
        r"more|more on this|more from|you may also like|you might also like|"
        r"recommended|recommended reading|don't miss|watch|listen|explore more|further reading)"
        + _SEP
        + r"\S",
        re.IGNORECASE,
    ),
    # Shouted versions without a colon: "READ MORE Some headline", "RELATED Some headline".
    re.compile(r"^[\[(]?(?:READ MORE|ALSO READ|READ ALSO|RELATED|SEE ALSO|SEE MORE|DON'T MISS)\b"),
    # Cross-links to the outlet's other stories: "Also on example.com <headline>".
    re.compile(r"^also on [\w\-]+\.[a-z]{2,}\b", re.IGNORECASE),
    re.compile(r"^most (?:read|popular|viewed|shared) (?:in|on|from)\b.{0,40}$", re.IGNORECASE),
    re.compile(r"^like this (?:story|article)\?.{0,60}\bshare\b", re.IGNORECASE),
    # Cookie and consent banners.
    re.compile(
        r"^(?:we|this (?:web)?site|our (?:web)?site|we and our (?:\w+ )?partners)"
        r"(?: and our partners)?(?: uses?| may use| store and/or access)\b.{0,40}\bcookies\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"^by (?:continuing|using|clicking|browsing)\b.{0,80}\b(?:cookies|privacy|terms)\b", re.IGNORECASE
    ),
    re.compile(r"^(?:this|our) (?:web)?site uses cookies\b", re.IGNORECASE),
    re.compile(
        r"\bcookies?\b.{0,120}\b(?:accept all|cookie settings|manage (?:cookies|preferences))\b",
        re.IGNORECASE,
    ),
    # Advert labels with extra words: "ADVERTISEMENT - story continues below".
    re.compile(r"^advertisement\b.{0,40}$", re.IGNORECASE),
    re.compile(r"^(?:story|article|text) continues (?:below|after)\b", re.IGNORECASE),
    # Breadcrumbs: "Home / World / Europe", "Home > News > Politics", and trails copied from
    # a bulleted list: "• Home/ • Middle East/ • <headline>".
    re.compile(r"^(?:home|news|start)\s*[/>»›|]\s*[^.!?]{0,120}$", re.IGNORECASE),
    re.compile(r"^[•·›»>]?\s*home\s*[/>»›|]?\s*[•·›»>]\s*\S.{0,200}$", re.IGNORECASE),
    # Tag and topic lists.
    re.compile(
        r"^(?:tags?|topics?|tagged(?: with| in)?|filed under|keywords?|categories|category|related topics)"
        r"\s*[:|]\s*\S",
        re.IGNORECASE,
    ),
    # Share prompts.
    re.compile(
        r"^(?:share|post|send) (?:this )?(?:article |story |page )?(?:on|to|via|with) "
        r"(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|pinterest|reddit|telegram|messenger)\b",
        re.IGNORECASE,
    ),
    re.compile(r"^(?:click|tap) (?:here )?to (?:share|tweet|email|print|subscribe|sign up)\b", re.IGNORECASE),
    re.compile(r"^follow (?:us|@\w+)\b.{0,60}\b(?:on|at)\b", re.IGNORECASE),
    # Comment counts and prompts with extra words: "12 comments", "Join the conversation: ...".
    re.compile(r"^\(?\d[\d,.]*k?\)? comments?$", re.IGNORECASE),
    re.compile(
        r"^(?:join the (?:conversation|discussion|debate)(?:\s+(?:below|here|on \w+))?(?:\s*[:.!\-–—]\s*.{0,80})?|"
        r"comments? (?:are|have been) closed\b.{0,40}|"
        r"(?:please )?log ?in to (?:comment|join)\b.{0,40}|you must be logged in to (?:post a )?comment\b.{0,40})$",
        re.IGNORECASE,
    ),
    # Newsletter boxes and subscribe prompts.
    re.compile(
        r"^(?:subscribe|sign up|signup)\b.{0,160}\b(?:newsletter|updates|inbox|free|today|now|here|for)\b",
        re.IGNORECASE,
    ),
    re.compile(r"(?:^|[.!?]\s+)(?:sign up|subscribe)\b.{0,100}\bnewsletters?\b", re.IGNORECASE),
    re.compile(
        r"^(?:get|receive) (?:our|the|the latest|daily|weekly|breaking)\b.{0,80}\b(?:newsletter|inbox|email)",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:enter your e-?mail|your e-?mail address|by signing up|"
        r"thanks? (?:you )?for (?:signing up|subscribing))",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:never miss|don't miss|stay (?:up to date|informed|in the know))\b"
        r".{0,120}\b(?:newsletter|sign up|subscribe)",
        re.IGNORECASE,
    ),
    # Photo credits and captions.
    re.compile(
        r"^(?:photo|photos|photograph|image|picture|pic|illustration|graphic|video|credit|"
        r"photo credit|image credit|image source|photo by|photographs? by|file photo)\s*[:/|]\s*\S",
        re.IGNORECASE,
    ),
    re.compile(r"^(?:photo|image|picture|illustration) by \S", re.IGNORECASE),
    re.compile(
        r"\((?:[\w.\- ]{0,40}/)?(?:AP|AFP|Reuters|EPA|Xinhua|Getty Images|Getty) ?Photo[^()]{0,80}\)\s*$"
    ),
    re.compile(r"^\(?(?:AP|AFP) Photo/[^)]{0,80}\)?\s*$"),
    re.compile(
        r"^(?:Getty Images|Shutterstock|iStock(?:photo)?|Alamy)(?:\s*/\s*[\w ]{1,40})?\.?$", re.IGNORECASE
    ),
    re.compile(r"\bfor Getty Images\.?\)?\s*$"),
    re.compile(
        r"(?:/|\bvia |\| )\s*(?:Getty Images|Getty|Reuters|AFP|AP|EPA(?:-EFE)?|Shutterstock|"
        r"Bloomberg|Alamy|PA(?: Images| Wire)?|Rex(?: Features)?|REX|NurPhoto|SOPA Images|Xinhua)\.?\)?\s*$"
    ),
)

_BLANK_RUN = re.compile(r"\n[ \t\u00a0]*\n\s*")
_TRAILING = re.compile(r"[ \t\u00a0\u200b]+$", re.MULTILINE)


@lru_cache(maxsize=1 << 16)
def is_boilerplate(line: str) -> bool:
    """True if ``line`` (one whole line or paragraph) is page furniture, not story text.

    Memoised: text mode asks about each line when reading the header, when describing it
    for the line model and in the final cleanup, and page templates repeat lines.
    """
    s = line.strip()
    if not s:
        return False
    if len(s) > _SHORT:
        return False
    if s.casefold().rstrip(" .:!»›>→") in _EXACT or s.casefold() in _EXACT:
        return True
    return any(rule.search(s) for rule in _RULES)


def clean_text(text: str) -> str:
    """Remove boilerplate lines and normalise layout; paragraphs stay separated by a blank line.

    Lines inside a paragraph are kept (a plain-text paragraph may be hard-wrapped),
    trailing spaces are dropped, runs of blank lines become one, and a paragraph
    is dropped when all its lines are boilerplate.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _TRAILING.sub("", text)
    paragraphs: list[str] = []
    for block in _BLANK_RUN.split(text):
        lines = [ln.strip() for ln in block.split("\n")]
        kept = [ln for ln in lines if ln and not is_boilerplate(ln)]
        if kept:
            paragraphs.append("\n".join(kept))
    return "\n\n".join(paragraphs)
