"""Rows of a dossier import file (CSV): its header, a good row, and rows the importer must reject or read
as an online dossier."""

HEADER = (
    "code,procedure_code,unit_code,applicant_name,applicant_phone,channel,result_delivery,received_at,due_at,"
    "state,state_at,resolved_at,result_returned_at,online_level\n"
)
GOOD = (
    "000.00.12.H62-260302-0001,2.000815,000.00.12.H62,Nguyễn Văn An,0912345678,truc_tiep,tai_quay,"
    "2026-03-02T09:00:00+07:00,,9,2026-03-03T10:00:00+07:00,2026-03-03T10:00:00+07:00,,\n"
)
BAD_PROCEDURE = (
    "000.00.12.H62-260302-0002,9.999999,000.00.12.H62,Lê Thị Hoa,0987654321,truc_tiep,tai_quay,"
    "2026-03-02T09:30:00+07:00,,2,,,,\n"
)
BAD_CODE = "ABC,2.000815,000.00.12.H62,Lê Văn Bình,0987000000,truc_tiep,,2026-03-02T09:30:00+07:00,,2,,,,\n"
ONLINE = (
    "000.00.12.H62-260302-0003,2.000815,000.00.12.H62,Phạm Thu,0911000111,truc_tuyen,buu_chinh,"
    "2026-03-02T10:00:00+07:00,2026-03-06T17:00:00+07:00,10,2026-03-05T09:00:00+07:00,2026-03-04T16:00:00+07:00,"
    "2026-03-05T09:00:00+07:00,toan_trinh\n"
)
