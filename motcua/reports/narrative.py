"""Bản tin — the Vietnamese paragraph a centre publishes from its monthly figures.

Written the way the centres' own news items read ("Tháng 4/2021, … đã tiếp nhận 7.790 hồ sơ, trong đó
1.228 hồ sơ của tháng 3 chuyển sang …"), in their order: received; resolved, with its share of what was
received (seed 004: "giải quyết được 58.228 hồ sơ (đạt 93,42%)"); per administrative level when the
report spans several (seed 004, seed 002); pending; returned; supplement requests; results by post;
online-service dossiers; the centre's procedure groups (seed 003: "theo phương án “5 tại chỗ”");
satisfaction. Vietnamese number formatting, and the same percentages as the JSON and the dashboard
(largest remainder, two decimals). Groups with nothing in them are said plainly ("không có hồ sơ giải
quyết quá hạn") rather than as "0 hồ sơ".
"""

from __future__ import annotations

from motcua.formatting import format_count, format_pct
from motcua.reports.summary import Summary


def narrative(summary: Summary) -> str:
    """The whole paragraph: one sentence per group that has something to say."""
    data = summary.to_dict()
    sentences = [
        _received(summary, data),
        _resolved(summary, data),
        _levels(data),
        _pending(data),
        _returned(data),
        _supplement_requests(data),
        _postal(data),
        _online(data),
        *_groups(data),
        _satisfaction(data),
    ]
    return " ".join(sentence for sentence in sentences if sentence)


def _received(summary: Summary, data: dict) -> str:
    received = data["received"]
    who = summary.unit.name
    if summary.include_children and len(summary.by_unit) > 1:
        who += " và các đơn vị trực thuộc"
    head = f"{summary.period.label()}, {who} đã tiếp nhận {_dossiers(received['total'])}"
    if not received["total"]:
        return f"{summary.period.label()}, {who} không tiếp nhận hồ sơ nào."
    parts = []
    if received["carried_over"]:
        before = summary.period.previous_label()
        source = "kỳ trước" if before == "kỳ trước" else f"của {before}"
        parts.append(f"{_dossiers(received['carried_over'])} {source} chuyển sang")
    new = f"{_dossiers(received['new'])} tiếp nhận mới"
    channels = [
        f"{label} {format_count(received[key])}"
        for key, label in (("new_direct", "trực tiếp"), ("new_online", "trực tuyến"), ("new_postal", "qua bưu chính"))
        if received[key]
    ]
    if len(channels) > 1:
        new += f" ({', '.join(channels)})"
    parts.append(new)
    return f"{head}, trong đó {', '.join(parts)}."


def _resolved(summary: Summary, data: dict) -> str:
    resolved = data["resolved"]
    if not resolved["total"]:
        return "Trong kỳ chưa có hồ sơ nào được giải quyết."
    late_units = _late_units(summary)
    parts = _timeliness_parts(resolved, late_units)
    if resolved["late"]:
        parts.append(f"tỷ lệ giải quyết đúng và trước hạn đạt {format_pct(resolved['early_or_on_time_pct'])}")
    return (
        f"Đã giải quyết {_dossiers(resolved['total'])} (đạt {format_pct(resolved['pct_of_received'])} số hồ sơ "
        "tiếp nhận), trong đó " + "; ".join(parts) + "."
    )


def _levels(data: dict) -> str:
    """Each administrative level's received, resolved and early-or-on-time share, when there are several."""
    levels = {key: level for key, level in data["by_level"].items() if level["received"]}
    if len(levels) < 2:
        return ""
    parts = [
        f"{_lower_first(level['label'])} tiếp nhận {_dossiers(level['received'])}, "
        f"giải quyết {_dossiers(level['resolved'])} (đạt {format_pct(level['pct_of_received'])}), "
        f"đúng và trước hạn đạt {format_pct(level['early_or_on_time_pct'])}"
        for level in levels.values()
    ]
    return "Theo cấp: " + "; ".join(parts) + "."


def _pending(data: dict) -> str:
    pending = data["pending"]
    if not pending["total"]:
        return "Không còn hồ sơ đang giải quyết."
    parts = []
    if pending["not_due"]:
        parts.append(f"chưa đến hạn {_dossiers(pending['not_due'])}")
    if pending["awaiting_supplement"]:
        parts.append(f"chờ bổ sung, giải trình {_dossiers(pending['awaiting_supplement'])}")
    parts.append(f"quá hạn {_dossiers(pending['overdue'])}" if pending["overdue"] else "không có hồ sơ quá hạn")
    return f"Đang giải quyết {_dossiers(pending['total'])}, trong đó {'; '.join(parts)}."


def _returned(data: dict) -> str:
    if not data["returned"]:
        return ""
    return (
        f"Trả lại {_dossiers(data['returned'])} để chỉnh sửa, bổ sung, "
        "không đủ điều kiện tiếp nhận hoặc theo đề nghị rút hồ sơ của tổ chức, công dân."
    )


def _supplement_requests(data: dict) -> str:
    if not data["supplement_requests"]:
        return ""
    return f"Trong kỳ có {_dossiers(data['supplement_requests'])} được yêu cầu bổ sung, giải trình."


def _groups(data: dict) -> list[str]:
    """One sentence per procedure group with something resolved, in the words of seed 003."""
    return [
        f"Đã giải quyết theo “{group['name']}” {_dossiers(group['resolved'])}, trong đó "
        + "; ".join(_timeliness_parts(group, []))
        + "."
        for group in data["groups"].values()
        if group["resolved"]
    ]


def _postal(data: dict) -> str:
    postal = data["postal_results"]
    if not postal["count"]:
        return ""
    return (
        f"Trả kết quả qua dịch vụ bưu chính {_dossiers(postal['count'])}, "
        f"đạt {format_pct(postal['pct'])} số hồ sơ đã giải quyết."
    )


def _online(data: dict) -> str:
    online = data["online"]
    if not online["resolved"]:
        return ""
    received = (
        f"tiếp nhận trực tuyến {_dossiers(online['received_online'])}, đạt {format_pct(online['received_online_pct'])}"
        if online["received_online"]
        else "không có hồ sơ tiếp nhận trực tuyến"
    )
    return (
        f"Hồ sơ dịch vụ công trực tuyến đã giải quyết {_dossiers(online['resolved'])}, trong đó "
        + "; ".join([received, *_timeliness_parts(online, [])])
        + "."
    )


def _satisfaction(data: dict) -> str:
    sat = data["satisfaction"]
    if not sat["responses"]:
        return ""
    sentences = [
        f"Đã lấy ý kiến qua {format_count(sat['responses'])} phiếu đánh giá: "
        + "; ".join(_answer_parts(sat["levels"]))
        + "."
    ]
    if sat["attitude_responses"]:
        sentences.append(
            "Về thái độ của cán bộ, công chức khi giao tiếp: " + "; ".join(_answer_parts(sat["attitude"])) + "."
        )
    if sat["ratio_766"] is not None:
        sentences.append(f"Tỷ lệ hài lòng theo Quyết định 766/QĐ-TTg đạt {format_pct(sat['ratio_766'])}.")
    return " ".join(sentences)


def _timeliness_parts(group: dict, late_units: list[str]) -> list[str]:
    parts = []
    for key, phrase in (("early", "trước hạn"), ("on_time", "đúng hạn")):
        if group[key]:
            parts.append(f"{phrase} {_dossiers(group[key])}, đạt {format_pct(group[f'{key}_pct'])}")
    if group["late"]:
        where = f" ({', '.join(late_units)})" if late_units else ""
        parts.append(f"quá hạn {_dossiers(group['late'])}{where}, chiếm {format_pct(group['late_pct'])}")
    else:
        parts.append("không có hồ sơ giải quyết quá hạn")
    return parts


def _answer_parts(answers: dict) -> list[str]:
    given = [
        f"{_lower_first(answer['label'])} {format_count(answer['count'])} phiếu, chiếm {format_pct(answer['pct'])}"
        for answer in answers.values()
        if answer["count"]
    ]
    missing = [_lower_first(answer["label"]) for answer in answers.values() if not answer["count"]]
    if missing:
        given.append("không có phiếu đánh giá " + ", ".join(missing))
    return given


def _lower_first(label: str) -> str:
    return label[:1].lower() + label[1:]


def _late_units(summary: Summary) -> list[str]:
    """The units whose own dossiers were late, named as the seeds do when there are only a few."""
    if not summary.include_children:
        return []
    names = [row.unit.name for row in summary.by_unit if row.own["late"]]
    return names if 0 < len(names) <= 3 else []


def _dossiers(count: int) -> str:
    return f"{format_count(count)} hồ sơ"
