#!/usr/bin/env python3
"""Writes the CSV test files byte for byte, as partners' systems and Excel write them.

Run once from this folder; the files are committed and the tests read them as they are.
"""

HEADER = ["Номер", "Тема", "Описание", "Статус", "Приоритет", "Прибор", "Создана"]


def write(name, text, encoding, bom=False):
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(name, "wb") as f:
        f.write(data)


def rows(delimiter, eol, rows):
    return "".join(delimiter.join(r) + eol for r in rows)


# Excel, Russian Windows: windows-1251, semicolons, no BOM, CRLF, dd.MM.yyyy dates.
write(
    "excel-ru-1251.csv",
    rows(";", "\r\n", [
        HEADER,
        ["С-101", "ППК-2000 не выходит на связь", "После грозы не отвечает", "Новая", "Авария", "fp-2000", "03.11.2026"],
        ["С-102", "Клавиатура не пищит", "Нет звука при нажатии", "Новая", "Обычный", "kp-10", "04.11.2026"],
        ["С-103", "Сирена тихая", "", "В работе", "Обычный", "sr-5", "05.11.2026"],
    ]),
    "cp1251",
)

# Excel "CSV UTF-8" with a Russian locale: a BOM, semicolons, CRLF.
write(
    "utf8-bom-semicolon.csv",
    rows(";", "\r\n", [
        HEADER,
        ["У-201", "Датчик дыма запылён", "Требуется чистка", "Новая", "Обычный", "sd-3", "06.11.2026"],
        ["У-202", "Пульт: ошибка связи", "Ошибка E17", "Новая", "Авария", "fp-3000", "07.11.2026"],
    ]),
    "utf-8",
    bom=True,
)

# An old Unix help desk: KOI8-R, semicolons, LF.
write(
    "koi8r.csv",
    rows(";", "\n", [
        HEADER,
        ["К-301", "Объект на охране не снимается", "Замечено ночью сторожем объекта", "Новая", "Обычный", "kp-10", "08.11.2026"],
        ["К-302", "Проверка оборудования после ремонта", "Просьба прислать инженера", "Новая", "Обычный", "fp-2000", "09.11.2026"],
    ]),
    "koi8_r",
)

# A tab-separated export, UTF-8 without BOM, LF.
write(
    "tab-separated.csv",
    rows("\t", "\n", [
        HEADER,
        ["T-401", "Beacon B-7 flashes red", "Battery low", "Новая", "Обычный", "b-7", "10.11.2026"],
        ["T-402", "Panel; loop 3 open", "Semicolon inside, no quotes needed", "Новая", "Обычный", "fp-2000", "11.11.2026"],
    ]),
    "utf-8",
)

# Comma-separated UTF-8 with quoted cells over several lines and doubled quotes.
write(
    "comma-multiline.csv",
    'Номер,Тема,Описание,Статус,Приоритет,Прибор,Создана\r\n'
    'M-501,"Panel ""FP-2000"" beeps","Line one\r\nLine two, with a comma\r\nLine three",Новая,Обычный,fp-2000,12.11.2026\r\n'
    'M-502,Keypad dead,"He said ""reset it"", then left",Новая,Обычный,kp-10,13.11.2026\r\n',
    "utf-8",
)

# One row with a field too few, between good rows.
write(
    "bad-column-count.csv",
    rows(";", "\r\n", [
        HEADER,
        ["B-601", "Первая строка", "Хорошая", "Новая", "Обычный", "fp-2000", "14.11.2026"],
        ["B-602", "Вторая строка", "Поле пропущено", "Новая", "Обычный", "fp-2000"],
        ["B-603", "Третья строка", "Хорошая", "Новая", "Обычный", "fp-2000", "15.11.2026"],
    ]),
    "utf-8",
)

# A quote opened on line 3 that is never closed.
write(
    "bad-unclosed-quote.csv",
    rows(";", "\r\n", [
        HEADER,
        ["Q-701", "Нормальная строка", "Хорошая", "Новая", "Обычный", "fp-2000", "16.11.2026"],
        ["Q-702", "Кавычка", "\"Открыта и не закрыта", "Новая", "Обычный", "fp-2000", "17.11.2026"],
        ["Q-703", "Ещё строка", "Хорошая", "Новая", "Обычный", "fp-2000", "18.11.2026"],
    ]),
    "utf-8",
)

# UTF-8 with a BOM, but line 3 has windows-1251 bytes pasted in.
good = rows(";", "\r\n", [
    HEADER,
    ["D-801", "Годная строка", "Хорошая", "Новая", "Обычный", "fp-2000", "19.11.2026"],
]).encode("utf-8")
broken = ";".join(["D-802", "Битая строка"]).encode("utf-8") + b";" + "Испорчено".encode("cp1251") + ";".join(
    ["", "Новая", "Обычный", "fp-2000", "20.11.2026"]).encode("utf-8") + b"\r\n"
tail = rows(";", "\r\n", [
    ["D-803", "Ещё годная", "Хорошая", "Новая", "Обычный", "fp-2000", "21.11.2026"],
]).encode("utf-8")
with open("bad-undecodable.csv", "wb") as f:
    f.write(b"\xef\xbb\xbf" + good + broken + tail)

# A date in a format the mapping does not know, between good rows.
write(
    "bad-date.csv",
    rows(";", "\r\n", [
        HEADER,
        ["E-901", "Дата в порядке", "Хорошая", "Новая", "Обычный", "fp-2000", "22.11.2026"],
        ["E-902", "Дата непонятная", "Плохая", "Новая", "Обычный", "fp-2000", "2026/11/23"],
        ["E-903", "Тоже в порядке", "Хорошая", "Новая", "Обычный", "fp-2000", "24.11.2026"],
    ]),
    "utf-8",
)

# The subject column the mapping requires is missing.
write(
    "bad-missing-column.csv",
    rows(";", "\r\n", [
        ["Номер", "Описание", "Статус"],
        ["F-1001", "Нет темы", "Новая"],
    ]),
    "utf-8",
)

# Nothing at all.
write("bad-empty.csv", "", "utf-8")

# A PNG image renamed .csv.
with open("bad-binary.csv", "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
            + bytes(range(256)) * 4)

# Comments on tickets, semicolons, windows-1251.
write(
    "comments-ru-1251.csv",
    rows(";", "\r\n", [
        ["Номер", "Текст", "Автор"],
        ["С-101", "Инженер выехал на объект", "Иванов"],
        ["С-101", "Заменён модуль связи", "Иванов"],
    ]),
    "cp1251",
)
