"""Đánh giá mức độ hài lòng — satisfaction ratings from the counter kiosk, the receipt's QR code and
the chat channels, plus complaints (phản ánh, kiến nghị)."""
