"""Which of several matching procedures a citizen at a counter means: priors on the text score.

- **Level**: a procedure that exists at the centre's level is what the counter can actually do.
- **Special cases**: the general procedure before its variants ("có yếu tố nước ngoài", "lưu động", "cấp
  lại"…, ``data/special_cases.tsv``) unless the query asks for them.
- **Audience**: versions meant for other people — police-internal, military, ministry-level — after the
  one an ordinary citizen uses at a local centre (``data/audiences.tsv``; "cấp lại thẻ BHYT" is the
  social-insurance procedure, not the public-security one); procedures whose target groups name no
  person (enterprises, organisations, officials only) after those for people, unless the query speaks
  for a company or an office.
- **Action**: what the query asks to have done (``motcua.catalogue.actions``: end, re-issue, correct…)
  against what the procedure's name does.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from motcua.catalogue.actions import agreement, name_actions
from motcua.catalogue.vocabulary import FoldedName, data_lines, special_cases
from motcua.text import fold

# A procedure at another level than the centre's. The prior is strong where it picks between versions
# of one procedure kept per level ("Trình báo mất hộ chiếu (thực hiện tại cấp tỉnh)" / "(… cấp xã)")
# and at a commune counter, which does only commune procedures. A province centre also receives
# procedures the portal lists at central level only ("Đổi giấy phép lái xe"), so there a different
# procedure at another level is not penalised: what the citizen asked for wins
# (tests/data/catalogue_queries.tsv, its province-centre rows).
OTHER_LEVEL = 0.55
STRICT_LEVELS = frozenset({"xa"})
# Among near-equals, the version a citizen uses nearest home comes first (a province centre also
# receives the commune's procedures: "nhà ở riêng lẻ" permits are a commune's, larger works the province's).
LOCAL_LEVEL = {"xa": 1.1, "tinh": 1.05}
SPECIAL_CASE = 0.6
# A variant the query asks for ("chồng người Hàn": có yếu tố nước ngoài) before the general procedure.
ASKED_VARIANT = 1.2
CITIZEN = 1.1
# A procedure whose target groups name no person (only enterprises, organisations or officials), unless
# the query speaks for one of those (ORGANISATION_WORDS).
ORGANISATIONS_ONLY = 0.8
_PEOPLE = frozenset(("Công dân Việt Nam", "Người Việt Nam định cư ở nước ngoài", "Người nước ngoài"))
ORGANISATION_WORDS = (
    "cong ty",
    "doanh nghiep",
    "to chuc",
    "hop tac xa",
    "can bo",
    "cong chuc",
    "vien chuc",
    "chi nhanh",
    "van phong dai dien",
    "nha dau tu",
    "co quan",
)
# A procedure doing the action the question asks (motcua.catalogue.actions: "hủy giấy phép kd" asks to
# end the business, "bị mất" a re-issue) before those doing another thing to the same document.
ACTION_AGREES = 1.25
ACTION_CONFLICTS = 0.55
OTHER_AUDIENCE = 0.5
# "(thực hiện tại cấp tỉnh)" once folded (folding drops the brackets).
_LEVEL_SUFFIX = re.compile(r"\s*thuc hien (?:o |tai )?cap (?:trung uong|tinh|huyen|xa)\s*$")


@dataclass(frozen=True)
class Profile:
    """What the ranking needs to know about one procedure besides its words."""

    levels: tuple[str, ...]
    # The levels at which some procedure of the same name, level note aside, exists (this one included).
    variant_levels: frozenset[str]
    # Triggers of each audience variant phrase of the name: every one must be asked for.
    variants: tuple[tuple[str, ...], ...]
    # Triggers of the action phrases of the name ("cấp lại, đổi, điều chỉnh"): asking one is enough.
    actions: tuple[str, ...]
    # Citizen-facing (×CITIZEN) and other-audience (×OTHER_AUDIENCE) priors together.
    audience: float
    # What the procedure does (motcua.catalogue.actions.name_actions): "new", "reissue", "terminate"…
    does: frozenset[str] = frozenset()
    # Whether its target groups name only enterprises, organisations or officials, no person.
    organisations_only: bool = False
    # Triggers that say the query is about someone else than this procedure's ("hộ kinh doanh" is not
    # what "công ty" asks): rules of kind "other" in data/special_cases.tsv.
    others: tuple[str, ...] = ()


def profiles(procedures: list[tuple], names: list[FoldedName]) -> list[Profile]:
    """One profile per catalogue row (code, name, levels, field, target groups, results[, ministry]) and
    its folded name."""
    variant_levels = _variant_levels([name.full for name in names], [row[2] for row in procedures])
    result = []
    for row, name, variants in zip(procedures, names, variant_levels, strict=True):
        _, _, levels, field, target_groups, _results, *rest = row
        ministry = rest[0] if rest else ""
        audience = CITIZEN if "Công dân Việt Nam" in (target_groups or []) else 1.0
        if (fold(ministry), fold(field)) in other_audiences():
            audience *= OTHER_AUDIENCE
        special, actions = _special_cases(name)
        groups = set(target_groups or [])
        organisations_only = bool(groups) and not groups & _PEOPLE
        others = tuple(
            trigger
            for phrase, (triggers, kind) in special_cases().items()
            if kind == "other" and f" {phrase} " in f" {name.full} "
            for trigger in triggers
        )
        result.append(
            Profile(
                tuple(levels), variants, special, actions, audience, name_actions(row[1]), organisations_only, others
            )
        )
    return result


def prior(profile: Profile, level: str | None, asked: str, actions: tuple[tuple[str, float], ...] = ()) -> float:
    """The factor a procedure's text score is multiplied by, for a centre's level and a query (``asked``:
    its folded words, padded with spaces; ``actions``: what it asks to have done, from
    ``motcua.catalogue.actions``). When the query asks an action, the procedures doing it come first and
    those doing another thing after; when it asks none, the plain procedure before its special actions."""
    factor = profile.audience * max((LOCAL_LEVEL.get(own, 1.0) for own in profile.levels), default=1.0)
    elsewhere = level is not None and level not in profile.levels
    if elsewhere and (level in STRICT_LEVELS or level in profile.variant_levels):
        factor *= OTHER_LEVEL
    for triggers in profile.variants:
        factor *= ASKED_VARIANT if any(f" {t} " in asked for t in triggers) else SPECIAL_CASE
    if profile.organisations_only and not any(f" {word} " in asked for word in ORGANISATION_WORDS):
        factor *= ORGANISATIONS_ONLY
    if any(f" {trigger} " in asked for trigger in profile.others):
        factor *= SPECIAL_CASE
    agrees = agreement(dict(actions), profile.does)
    if agrees is not None:
        factor *= ACTION_CONFLICTS + (ACTION_AGREES - ACTION_CONFLICTS) * agrees
    elif profile.actions and not any(f" {t} " in asked for t in profile.actions):
        factor *= SPECIAL_CASE
    return factor


@cache
def other_audiences() -> frozenset[tuple[str, str]]:
    """(folded ministry, folded field) of procedures meant for other people than ordinary citizens."""
    pairs = set()
    for line in data_lines("audiences.tsv"):
        ministry, _, field = line.partition("\t")
        pairs.add((fold(ministry), fold(field)))
    return frozenset(pairs)


def _special_cases(name: FoldedName) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """Triggers of the variant phrases of a name, and of the action phrases of its head.

    A variant listed beside the general case ("cho công dân Việt Nam, người nước ngoài") restricts
    nothing. A head listing a plain action first ("Cấp, cấp lại Phù hiệu…", "Giao đất, cho thuê đất,
    chuyển mục đích…; gia hạn…") covers the plain case too, so its actions ask nothing."""
    folded, listed = f" {name.full} ", " , " + " , ".join(name.items[1:]) + " "
    variants = tuple(
        triggers
        for phrase, (triggers, kind) in special_cases().items()
        if kind == "" and f" {phrase} " in folded and f" , {phrase} " not in listed
    )
    actions = _actions(name.head)
    if len(name.head_items) > 1 and not _actions(name.head_items[0]):
        actions = ()
    return variants, actions


def _actions(folded_text: str) -> tuple[str, ...]:
    folded = f" {folded_text} "
    rules = special_cases().items()
    return tuple(t for phrase, (ts, kind) in rules if kind == "action" and f" {phrase} " in folded for t in ts)


def base_name(folded_name: str) -> str:
    """A folded name without its level note: the per-level versions of one procedure share it."""
    return _LEVEL_SUFFIX.sub("", folded_name).strip()


def _variant_levels(folded_names: list[str], levels: list[list[str]]) -> list[frozenset[str]]:
    bases = [base_name(name) for name in folded_names]
    by_base: dict[str, set[str]] = defaultdict(set)
    for base, procedure_levels in zip(bases, levels, strict=True):
        by_base[base].update(procedure_levels)
    return [frozenset(by_base[base]) for base in bases]
