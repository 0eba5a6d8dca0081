"""What a citizen asks about a procedure (the aspect), and whether a message is clearly another flow.

Plain Python, shared by the NLU guard (``components.guard``) and the actions: the intent model learns
the questions it was shown, but the aspect words are few and stable ("bao nhiêu tiền", "mấy ngày",
"ở đâu", "qua mạng"), so they are read here deterministically, on the folded text with chat shorthand
expanded (``components.shorthand``). The same holds for the words that make a message clearly a
complaint, a status question, a rating or a request for a person: without one of them, a message that
names a procedure or an aspect is a procedure question, whatever word it shares with those flows
("mất bao nhiêu tiền", "thẻ bị rách", "ad ơi").
"""

from __future__ import annotations

import re
import unicodedata
from typing import List, Optional, Tuple

from components.folding import fold
from components.shorthand import fold_expanded

# Checked in this order: the first aspect whose pattern matches wins. "tờ khai lấy ở đâu" is the form,
# not the place; "nộp online ở đâu" is online; "mất bao nhiêu ngày" is time before "mất bao nhiêu" is fee.
_ASPECT_PATTERNS: Tuple[Tuple[str, str], ...] = (
    (
        "form",
        r"\bmau (don|to khai|khai|giay|thong bao|de nghi|phieu|ban khai)|\bto khai\b|\bmau so\b|\bbieu mau"
        r"|\bdon mau\b|\btai mau\b|\btheo mau\b"
        r"|\bmau nao\b|\bapplication form\b",
    ),
    (
        "online",
        r"\bonline\b|\btruc tuyen\b|\bqua mang\b|\btren mang\b|\bdich vu cong\b|\bvneid\b|\binternet\b"
        r"|\bqua app\b|\btai nha\b.*\bduoc khong\b|\bkhong can den\b|\bkhong can len\b|(?<!ve )\btan noi\b"
        r"|\b(den|len|di) truc tiep\b|\bbuu dien\b|\bbuu chinh\b|\bgui qua\b|\bqua zalo\b"
        r"|\b(tren|bang|qua) (app|ung dung)\b|\b(app|ung dung) nao\b",
    ),
    (
        "time",
        r"\bbao lau\b|\bmay ngay\b|\bbao nhieu ngay\b|\bmay hom\b|\bbao nhieu hom\b|\bmay tuan\b|\bmay thang\b"
        r"|\bthoi gian\b|\bthoi han\b|\bkhi nao (thi )?(co|lay|nhan|xong)\b|\bbao gio (thi )?(co|lay|nhan|xong)\b"
        r"|\blau khong\b|\blau ko\b|\bnhanh khong\b|\bmat bao nhieu (ngay|lau|thoi gian|hom|tuan|thang)\b"
        r"|\bmat may\b|\bngay lam viec\b|\bhen (may|bao nhieu)\b|\bmay bua\b|\btrong ngay\b|\blay ngay\b"
        r"|\bngay hom sau\b|\bhow long\b|\bprocessing time\b",
    ),
    (
        "fee",
        r"\ble phi\b|\bphi\b|(?<!co )\btien\b|\bton (bao nhieu|nhieu|kem)\b|\bton khong\b|\bmien phi\b"
        r"|\bgia bao nhieu\b"
        r"|\bmat bao nhieu\b|\bhet bao nhieu\b|\bdong bao nhieu\b|\bbao nhieu (tien|dong|xu|k)\b|\bchi phi\b"
        r"|\bcost\b|\bfee\b|\bfees\b|\bhow much\b|\bprice\b",
    ),
    (
        "where",
        r"\bo dau\b|\bnop dau\b|\blam dau\b|\bcho nao\b|\bden dau (de|nop|lam)\b|\bdi dau\b|\btai dau\b|\bnoi nop\b"
        r"|\bco quan nao\b|\bnop (o|tai) (xa|phuong|huyen|tinh|quan)\b|\bhay (len|ra|o|nop o) (tinh|huyen|xa|phuong)\b"
        r"|\b(o|nop|lam|di|ra|den|toi|len|ve|xuong) mo\b|\bcap nao\b|\b(nop|gui) (don |ho so )?cho ai\b|\bnop o\b"
        r"|\bwhere\b|\bwhich office\b|\blen tinh\b|\b(can|phai) ra (cong an|xa|phuong|uy ban|ubnd|huyen|tinh)\b"
        r"|\b(lam|nop) o (xa|phuong|huyen|tinh)\b|\bnoi (tiep nhan|giai quyet|lam)\b"
        r"|\btham quyen\b|\b(lam|nop|xin) o [a-z ]{1,30}(duoc khong|duoc ko|hay)\b|\bhay phai ve\b"
        r"|\bo (uy ban|ubnd|cong an)\b|\bphai ve (tan|tan noi|que|noi)\b|\b(ra|len|ve|den|toi|xuong) tan\b"
        r"|\b(thi|phai|nen|can|se) (den|toi|ra|len|di) dau\b|\b(ra|len) dau (lam|nop|xin)\b"
        r"|\btru so\b",
    ),
    (
        "documents",
        r"\bgiay to\b|\bcan (nhung )?gi\b|\bcan (mang|chuan bi|nop)\b|\bmang (theo )?(gi|nhung gi)\b|\bchuan bi gi\b"
        r"|\bho so gom\b|\bthanh phan\b|\bgom nhung\b|\bcan chi\b|\bcan giay\b|\bnhung gi\b|\bdocuments?\b"
        r"|\bpapers\b|\bwhat do i need\b|\brequirements?\b|\bmay bo\b|\byeu cau ho so\b"
        # "bản sao" asks how many copies, but "chứng thực bản sao" / "cấp bản sao" names the procedure
        r"|(?<!chung thuc )(?<!cap )(?<!xin )(?<!lam )\bban sao\b"
        r"|\bban chinh\b|\bmang gi\b|\bchuan bi nhung\b|\bgiay gi\b|\bchuan bi giay\b"
        r"|\bhow (do|can) i (get|apply)\b|\bnop (nhung )?gi\b",
    ),
)
_COMPILED = tuple((aspect, re.compile(pattern)) for aspect, pattern in _ASPECT_PATTERNS)

# Complaint words about how the citizen was treated: a complaint wherever they stand, even told as the story
# before a procedure question (``only_told``); part of the complaint flow's words below.
_CONDUCT_WORDS = (
    r"\bbuc xuc\b|\bthai do\b|\bhach dich\b|\bnhung nhieu\b|\blam kho\b|\btre hen\b|\bhen di hen lai\b"
    r"|\btac trach\b|\bdoi (them )?tien\b|\btien (ngoai|boi duong|lot tay)\b|\bton trong\b|\bnoi nang\b"
    r"|\bkho nghe\b|\bqua te\b|\bte qua\b|\bphien qua\b|\bqua phien\b|\bbat (cho|doi)\b"
    r"|\bkhong ai (tra loi|giai quyet|tiep)\b|\bkhong duoc tiep\b|\b(can bo|nhan vien) (hach|gay|an noi|doi)\b"
)
# Words that make a message clearly one of the flows a procedure question must not start. Only words a
# procedure's name or a story's circumstances do not use: "tình trạng hôn nhân" is a procedure, "tình
# trạng hồ sơ" a status; "cán bộ hướng dẫn tôi…" is a circumstance, "gặp cán bộ" a request for a person;
# "Trung tâm Phục vụ hành chính công" is a place, "thái độ phục vụ" a complaint; "kèm theo" folds to "kem";
# "giải quyết khiếu nại", "đánh giá tác động môi trường" are procedures.
FLOW_CUES = {
    "complain": re.compile(
        r"\bphan anh\b|(?<!giai quyet )\bkhieu (nai|lai)\b|(?<!giai quyet )\bto cao\b|\bkien nghi\b|\bgop y\b"
        r"|\bkho de\b|\bxep hang\b|\bchua ai\b|\bkhong dong y\b|\bbo doi\b|\b(can bo|nhan vien) (noi|lam)\b|"
        + _CONDUCT_WORDS
    ),
    "check_status": re.compile(
        r"\bho so (cua|nha|con)\b|\bhs (cua|nha)\b|\b(den|toi) dau roi\b|\bxong chua\b"
        r"|\b(giai quyet|xu ly|duyet|ho so|hs|cua (toi|minh|em)) (den|toi) dau\b"
        r"|\btra cuu\b(?! (quy hoach|thong tin quy hoach|ban do|thua dat|ma so thue|mst|phat nguoi|van bang))"
        r"|\btinh trang (ho so|hs|giai quyet|xu ly)\b|\btien do\b|\bket qua chua\b|\bco ket qua chua\b"
        r"|\b(o|den|toi|nam o) (buoc|khau) nao\b|\b(buoc|khau) nao roi\b"
        r"|\btheo doi\b|\bkiem tra ho so\b|\bnop (tuan|thang|hom) truoc\b|\btre hen\b"
        r"|\bma ho so\b|\bgiay hen\b|\bsao roi\b|\b(yeu cau|phai|bi) bo sung\b|\bda nop ho so\b|\bnop ho so roi\b"
        r"|\bdossier\b|\bstatus\b|\bda tiep nhan\b|\bduoc tiep nhan\b"
    ),
    "rate_service": re.compile(
        r"\bdanh gia\b(?! (tac dong|su phu hop|nang luc|xep loai|chat luong (san pham|hang hoa)))|\bhai long\b"
        r"|\bcham diem\b|\bcho diem\b|\bkhao sat\b|\b(thai do|chat luong|cach) phuc vu\b"
        r"|\bphuc vu (tot|kem|te|nhiet tinh|chu dao)\b|\bbinh thuong\b|\btot lam\b|\brating\b|\btuyet voi\b"
        r"|\bxuat sac\b|\b\d sao\b|\bchu dao\b"
    ),
    # Following a dossier (told later of its steps), stopping it, listing what is followed. Not "thông báo"
    # alone: "Thông báo tạm ngừng kinh doanh" is a procedure; not "bao toi" alone: "công ty bảo tôi về xin…".
    "follow": re.compile(
        r"\b(theo doi|tdoi|unfollow|notify|tell me when)\b|\bfollow\w*|\b(nhan|tat|co) thong bao\b"
        r"|\bthong bao (moi|tien do|khi)\b|\bnhan (tin|zalo)\b|\b(nhan|gui) (tin |zalo )?cho (toi|minh|em)\b"
        r"|\bbao tin\b|\bbao cho (toi|minh|em)\b|\bbao (toi|minh|em) (khi|biet)\b|\bthi bao (toi|minh|em)\b"
        r"|\bbao (toi|minh|em)( nhe| nha| voi)? $|\bduoc bao\b|\bdung bao\b|\bstop\b"
    ),
    # Leaving a question or a phone number for an officer to answer later (the callback form).
    "leave_callback": re.compile(
        r"\bde lai (cau hoi|so|sdt|loi nhan|tin nhan|thong tin|yeu cau|lien lac)\b|\bloi nhan\b|\bgui cau hoi\b"
        r"|\b(goi|nhan) lai (cho|sau|giup|nhe|nha|duoc|voi)\b|\b(can bo|trung tam|ai do|ben minh) (goi|nhan) lai\b"
        r"|\bcall (me )?back\b|\bleave a\b"
    ),
    "human_handoff": re.compile(
        r"\bgap (can bo|nguoi|nhan vien|ai|truc tiep)\b|\b(noi chuyen|chat) voi (nguoi|can bo|nhan vien|may|bot)\b"
        r"|\bchuyen (may|sang|cho) (can bo|nguoi|nhan vien|tong dai)\b|\bnguoi that\b|\btong dai\b"
        r"|\b(tu van|ho tro) truc tiep\b|\bnguoi (truc|ho tro|tu van|that)\b"
        r"|\bket noi (voi )?(can bo|nguoi|nhan vien)\b"
        r"|\bai (ho tro|do|giup)\b|\badmin dau\b|\bnguoi tra loi\b|\bhoi can bo\b|\bcan bo tu van\b"
        r"|\bmay\b.*\bkhong hieu\b|\bbot khong\b|\bhuman\b|\breal person\b|\bstaff\b"
    ),
}
# Something happened to a paper the citizen holds: a re-issue question, not a complaint ("thẻ bị rách").
# Read on the plain folded text: the shorthand table turns "hong" (hỏng / hông) into "khong".
_DAMAGE = re.compile(r"\b(mat|roi|rach|hong|nat|uot|chay|het han|that lac|bi mo|mo chu)\b")
_PAPER = re.compile(r"\b(the|giay|so|bang|ho chieu|cccd|cmnd|gplx|bhyt|can cuoc)\b")
# Nouns of the procedures citizens ask most: with one of them and no flow word, a message is about a procedure.
_PROCEDURE_NOUNS = re.compile(
    r"\bcan cuoc\b|\bcccd\b|\bcmnd\b|\bchung minh\b|\bho chieu\b|\bpassport\b|\bbang lai\b|\bgplx\b|\bgiay phep\b"
    r"|\bkhai sinh\b|\bkhai tu\b|\bket hon\b|\bhon nhan\b|\bdoc than\b|\bthuong tru\b|\btam tru\b|\btam vang\b"
    r"|\bho khau\b|\bcu tru\b|\bso do\b|\bso hong\b|\bquyen su dung\b|\bdat dai\b|\bthua ke\b|\bho kinh doanh\b"
    r"|\bdoanh nghiep\b|\bkinh doanh\b|\bcong ty\b|\bcty\b"
    r"|\bly lich tu phap\b|\bbhyt\b|\bbhxh\b|\bbao hiem\b|\bchung thuc\b"
    r"|\btrich luc\b|\bxay dung\b|\btro cap\b|\bgiam ho\b|\bcon nuoi\b|\bdang ky xe\b|\bbien so\b|\bho tich\b"
    r"|\bthu tuc\b|\bcai chinh\b|\bthay doi ten\b|\bdoi ten\b|\bquoc tich\b|\bnguoi co cong\b|\bthe bhyt\b"
    r"|\bgiay chung nhan\b|\bgiay xac nhan\b|\bxac nhan\b|\bcap lai\b|\bcap doi\b|\blam lai\b|\bdang ky\b"
    r"|\bluu tru\b|\btach ho\b|\bho rieng\b|\bnhap khau\b|\b(ho|dien) (can )?ngheo\b|\bbam bien\b"
    r"|\bthai san\b|\bom dau\b"
    r"|\bluong huu\b|\btu tuat\b|\bmai tang\b|\btro giup phap ly\b|\bdinh danh\b|\bvneid\b|\btach thua\b"
    r"|\bchuyen muc dich\b|\bnha o xa hoi\b|\bly hon\b|\bdi chuc\b|\bkhuyet tat\b|\bgiai the\b"
)
# What makes a question clearly about the centre's hours or its contacts: "Giờ tụi tôi muốn tách hộ"
# says "giờ" (now) and is a procedure question; "mấy giờ mở cửa" is not.
INFO_CUES = {
    "ask_hours": re.compile(
        r"\bmay gio\b|\bgio (lam viec|mo cua|dong cua|tiep dan|nao|giac|hanh chinh)\b|\bmo cua\b|\bdong cua\b"
        r"|\b(co|con|ngay|gio|lich|thoi gian|trung tam|bo phan|mot cua|nao|sang|chieu|trua|nhat|bay|le|tuan) lam viec\b"
        r"|\blam viec (khong|ko|k|hong|den|tu|vao|ngay|gio|buoi|sang|chieu|trua|may|luc|nao|thu|chu nhat|cuoi tuan)\b"
        r"|\bnghi (trua|lam|le|tet)\b|\bthu (hai|ba|tu|nam|sau|bay)\b|\bchu nhat\b|\bcuoi tuan\b"
        r"|\bngay le\b|\bbuoi (sang|trua|chieu)\b|\bsang may\b|\bchieu (lam|may)\b|\btan lam\b|\blich lam\b"
        r"|\b\d{1,2} ?(h|gio)\b|\bthoi gian lam viec\b|\bopening hours\b|\bopen\b|\bclose\b"
        r"|\b(thu|t) ?7\b|\bcn\b|\bco lam (khong|ko|k|hong)\b"
    ),
    "ask_contact": re.compile(
        r"\bso (dien thoai|dt|may)\b|\bsdt\b|\bhotline\b|\bduong day nong\b|\bemail\b|\bzalo\b|\bdia chi\b"
        r"|\blien (he|lac)\b|\btong dai\b|\bgoi dien\b|\bnam o\b|\bo cho nao\b|\bphone\b|\baddress\b|\bcontact\b"
        r"|\b(trung tam|bo phan|mot cua|uy ban|ubnd) o dau\b"
    ),
    # Who is answering: a person or a program.
    "bot_challenge": re.compile(
        r"\bbot\b|\bchatbot\b|\brobot\b|\bnguoi hay may\b|\bnguoi that\b|\bphai (la )?nguoi\b|\btu dong\b"
        r"|\btri tue nhan tao\b|\b(la|phai|ban|em) ai\b|\bai (dang|tra loi|do|a|ha|vay)\b"
        r"|\b(noi chuyen|nhan tin) voi may\b"
        r"|\b(may|can bo|nguoi) tra loi\b|\bla may\b|\btro ly ao\b|\bare you\b|\bhuman\b"
    ),
}


def folded(text: str) -> str:
    """The text as the guard and the aspect patterns read it: folded, chat shorthand expanded."""
    return fold_expanded(text or "")


def find_aspect(text: str) -> Optional[str]:
    """ "documents" | "fee" | "time" | "where" | "online" | "form", or None when the message asks none.

    A form named is the form ("tờ khai lấy ở đâu"); otherwise the aspect said last wins, as a question
    ends a story ("… đã mất giấy tờ, giờ làm lại ở đâu?"), the earlier order breaking ties."""
    words = f" {folded(text)} "
    found = []
    for rank, (aspect, pattern) in enumerate(_COMPILED):
        last = None
        for match in pattern.finditer(words):
            last = match.start()
        if last is not None:
            if aspect == "form":
                return aspect
            found.append((-last, rank, aspect))
    return min(found)[2] if found else None


# The sentences of a message: several aspects are asked together only within the question's sentence.
_SENTENCES = re.compile(r"[.?!;\n]+")


def find_aspects(text: str) -> List[str]:
    """Every aspect the question asks, in the order asked ("cần giấy tờ gì và lệ phí bao nhiêu": documents,
    fee), read in the sentence of the last aspect said (a story's earlier sentences tell, they do not ask).
    A phrase inside one read as another aspect is not read again ("mất bao nhiêu ngày" is the time, not a fee);
    a form asked is the one answer ("tờ khai lấy ở đâu")."""
    last = find_aspect(text)
    if last is None or last == "form":
        return [last] if last else []
    sentences = [part for part in _SENTENCES.split(text or "") if find_aspect(part)]
    words = f" {folded(sentences[-1] if sentences else text)} "
    taken: List[Tuple[int, int]] = []
    found: List[Tuple[int, str]] = []
    for aspect, pattern in _COMPILED:
        for match in pattern.finditer(words):
            if any(start <= match.start() and match.end() <= end for start, end in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append((match.start(), aspect))
    ordered: List[str] = []
    for _start, aspect in sorted(found):
        if aspect not in ordered and aspect != "form":
            ordered.append(aspect)
    return ordered or [last]


# "bảo" typed with its accent is "tell" ("xã thì được bảo…", "bảo hiểm"), never "báo" (notify): folded, both
# are "bao", and "được bảo", "bảo cho tôi" would read as asking to be notified.
_TELL = re.compile(r"(?<!\w)bảo(?!\w)", re.IGNORECASE)


def is_clearly(flow: str, text: str) -> bool:
    """True when the message carries a word of ``flow`` itself (a complaint word, a status word…)."""
    cue = FLOW_CUES.get(flow)
    if flow == "follow":
        text = _TELL.sub("nói", unicodedata.normalize("NFC", text or ""))
    return bool(cue and cue.search(f" {folded(text)} "))


# The clauses of a message: a story's run-on chat sentences are cut at commas too ("lên xã thì cán bộ nói …,
# giờ cần giấy tờ gì").
_CLAUSES = re.compile(r"[,.?!;:\n]+")
_CONDUCT = re.compile(_CONDUCT_WORDS)


def only_told(flow: str, text: str) -> bool:
    """True when ``flow``'s words are only the story's circumstances ("lên xã thì cán bộ nói…", "gọi tổng đài
    mãi không được", "khỏi đi xếp hàng", "thôn bình xét đánh giá"): none is in the last clause that asks an
    aspect, or after it, that clause's question is about a procedure the message names, and no word says how
    the citizen was treated ("thái độ", "đòi thêm tiền": told or asked, that is a complaint)."""
    cue = FLOW_CUES.get(flow)
    clauses = [f" {folded(part)} " for part in _CLAUSES.split(text or "") if part.strip()]
    asking = max((index for index, clause in enumerate(clauses) if find_aspect(clause)), default=None)
    if cue is None or asking is None or asking == 0 or not (names_procedure(text) or mentions_damage(text)):
        return False
    if any(cue.search(clause) for clause in clauses[asking:]) or _CONDUCT.search(f" {folded(text)} "):
        return False
    return any(cue.search(clause) for clause in clauses[:asking])


# A complaint word whose object is the procedure wanted, not the centre's service: a third party's decision or
# a paper's mistake, asked as how / where / to whom ("khiếu nại công an xã làm sai thì nộp đơn cho ai", "muốn
# phản ánh sổ đỏ ghi sai tên thì sửa thế nào", "khiếu nại lên xã để hòa giải"). The complaint flow is for the
# service: any word of it (an officer, the counter, the dossier, waiting, how one was treated) keeps it.
_SERVICE = re.compile(
    _CONDUCT_WORDS + r"|\bcan bo\b|\bnhan vien\b|\bquay\b|\btrung tam\b|\bmot cua\b|\bho so\b|\bhs\b|\bxu ly\b"
    r"|\bphuc vu\b|\bcham\b|\blau (qua|the|vay)\b|\bqua lau\b|\bcho (lau|doi)\b|\bdi lai\b|\bcach lam viec\b"
    r"|\bxep hang\b|\bkhong (dong y|hai long)\b|\bgop y\b"
)
_HOW_TO = re.compile(
    r"\b((lam|lm) sao|the nao|ntn|nhu the nao|thu tuc|nop don|gui don|viet don|cho ai|o dau|cho nao|can gi"
    r"|giay to gi)\b"
)
_DISPUTE = re.compile(
    r"\btranh chap\b|\blan chiem\b|\bxay lan\b|\blan (dat|sang|qua)\b|\bhang xom\b|\bhoa giai\b|\bquyet dinh\b"
    r"|\bghi sai\b|\bsai (ten|ngay|nam|dien tich|thong tin)\b|\bthu hoi\b|\bboi thuong\b|\bden bu\b|\bcong an\b"
)


def complaint_is_the_procedure(text: str) -> bool:
    """True when the message's complaint words ask how to pursue a procedure about someone else's decision
    or a paper's mistake, with no word about the centre's service (see ``_SERVICE``)."""
    words = f" {folded(text)} "
    if not FLOW_CUES["complain"].search(words) or _SERVICE.search(words) or not _HOW_TO.search(words):
        return False
    return bool(_DISPUTE.search(words) or names_procedure(text))


# A complaint the citizen has already made, told as the story before the question ("tôi đã phản ánh với xã
# thì được bảo phải làm thủ tục…", "khiếu nại rồi, họ bảo nộp hồ sơ…").
_COMPLAINT_MADE = re.compile(r"\bda (phan anh|khieu nai|to cao|kien nghi|gop y)\b|\b(phan anh|khieu nai) roi\b")


def complaint_only_told_as_made(text: str) -> bool:
    """True when the message's only complaint words tell a complaint already made: with a procedure named,
    the question is that procedure ("đã phản ánh mà không ai giải quyết" still has a complaint word)."""
    words = f" {folded(text)} "
    return bool(_COMPLAINT_MADE.search(words)) and not FLOW_CUES["complain"].search(_COMPLAINT_MADE.sub(" ", words))


def names_procedure(text: str) -> bool:
    """True when the message names a procedure noun or a re-issue situation ("mất cccd", "thẻ bị rách")."""
    words = f" {folded(text)} "
    return bool(_PROCEDURE_NOUNS.search(words))


def mentions_damage(text: str) -> bool:
    """A paper lost, dropped, torn or damaged ("làm rơi thẻ", "sổ bị rách", "thẻ hỏng"): a re-issue."""
    words = f" {fold(text or '')} "
    return bool(_DAMAGE.search(words) and _PAPER.search(words))


# English: distinct English words (none is a folded Vietnamese word: no "can", "to", "do", "my", "it").
_ENGLISH_TEXT = """the how what where when which who need needed much apply get does you your is are for of please hello
    with and documents document fee fees cost online register registration certificate licence license
    passport card birth marriage renew lost would want there this should submit office take days
    permit residence identity driving copy criminal record business household"""
_ENGLISH_WORDS = frozenset(_ENGLISH_TEXT.split())


def looks_english(text: str, page_english: bool = False) -> bool:
    """True for a message written in English ("how much is the fee for a passport"); on the English page
    of the site one English word is enough ("passport fee?")."""
    words = re.findall(r"[a-z]+", (text or "").lower())
    if not words or re.search(r"[^\x00-\x7f]", text or ""):
        return False
    hits = [word for word in words if word in _ENGLISH_WORDS]
    if page_english:
        return bool(hits)
    return len(set(hits)) >= 2 and len(hits) >= 0.25 * len(words)
