"""Extra large text on a 1366x768 screen (issue 14): the case list keeps the names readable and
the home panels give way (they scroll in their own column); reading tables grow their rows with
the text."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel

from cstr_desk.ui.theme import TextSize, style_sheet
from cstr_desk.ui.widgets import read_only_table
from tests.ui.conftest import add_case, sign_in

LONG_NAME = ("Alexandrina", "Featherstonehaugh")  # a long name, as people have


def extra_large(qtbot) -> None:
    app = QApplication.instance()
    font = app.font()
    font.setPointSizeF(10.5 * 1.5)
    app.setFont(font)
    app.setStyleSheet(style_sheet(TextSize.EXTRA_LARGE, high_contrast=False))
    qtbot.wait(50)


def test_case_list_keeps_names_readable_and_the_panels_give_way(qtbot, desk) -> None:
    add_case(desk, *LONG_NAME)
    window = sign_in(qtbot).main_window
    extra_large(qtbot)
    window.resize(1366, 768)
    window.show_home()
    qtbot.wait(50)
    needed = window.minimumSizeHint()
    assert needed.width() <= 1366 and needed.height() <= 768, needed
    assert window.height() <= 768
    table = window.case_list.table
    name = " ".join(LONG_NAME)
    bold = QFont(table.font())
    bold.setBold(True)  # a hearing today is shown in bold
    assert table.columnWidth(0) >= QFontMetrics(bold).horizontalAdvance(name) + 8, table.columnWidth(0)
    assert window.case_list.width() >= window.width() * 0.6
    side = window.home_side
    assert side.verticalScrollBar().maximum() > 0  # the panels scroll instead
    for width in (1366, 1300, 1200):  # and are not squashed, whatever width they get
        window.resize(width, 768)
        qtbot.wait(50)
        for text in side.widget().findChildren(QLabel):
            if text.isVisible() and text.text():
                assert text.height() >= text.heightForWidth(text.width()) - 2, (width, text.text())


def test_reading_tables_grow_their_rows_with_the_text(qtbot) -> None:
    extra_large(qtbot)
    table = read_only_table(1, 2, "Results")
    qtbot.addWidget(table)
    table.setColumnWidth(0, 120)
    from PySide6.QtWidgets import QTableWidgetItem

    table.setItem(0, 0, QTableWidgetItem("Clinically significant and reliable change"))
    table.resize(400, 300)
    table.show()
    qtbot.waitExposed(table)
    table.resizeRowsToContents()
    assert table.rowHeight(0) >= 2 * table.fontMetrics().lineSpacing()


def test_at_normal_size_the_court_is_shown_whole_when_there_is_room(qtbot, desk) -> None:
    """Room the name does not need goes to the court first, not to the name's column."""
    add_case(desk)
    window = sign_in(qtbot).main_window
    window.resize(1366, 768)
    window.show_home()
    qtbot.wait(50)
    table = window.case_list.table
    court = str(table.model().data(table.model().index(0, 5)))
    assert court == "Northtown Magistrates' Court"
    bold = QFont(table.font())
    bold.setBold(True)
    assert table.columnWidth(5) >= QFontMetrics(bold).horizontalAdvance(court), table.columnWidth(5)
