"""The main window: home (case list), new referral, case view and questionnaire runner, and the
lock that clears them all.

Locking destroys every page that shows personal data (case view, runner, referral form) and
empties the case list, then remembers where the user was as plain ids so unlocking can rebuild
the same place from the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication, QFrame, QHBoxLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget,
)

from cstr_desk.domain import Role
from cstr_desk.store import Session, StoreError
from cstr_desk.permissions import Action, may
from cstr_desk.ui.about import AboutDialog
from cstr_desk.ui.case_list import CaseListPage
from cstr_desk.ui.case_view import CaseView
from cstr_desk.ui.caseload import CaseloadPanel
from cstr_desk.ui.clearing import ClearConfirmedDialog
from cstr_desk.ui.clipboard import PersonalClipboard
from cstr_desk.ui.duties import DutiesPanel
from cstr_desk.ui.lock import IdleWatcher, LockScreen, PasswordCheckDialog
from cstr_desk.ui.monitoring import MonitoringPage
from cstr_desk.ui.plain_words import plain_words
from cstr_desk.ui.referral import ReferralPage
from cstr_desk.ui.runner import Runner
from cstr_desk.ui.site_settings import SiteSettingsDialog
from cstr_desk.ui.users import UsersDialog
from cstr_desk.ui.theme import TEXT_SIZE_LABELS, Preferences, TextSize, apply_theme
from cstr_desk.ui.start_deadlines import StartDeadlinesPanel
from cstr_desk.ui.treatment import DeadlinesPanel
from cstr_desk.ui.widgets import clear_layout, label, scrolling
from cstr_desk.ui.words import ROLE_WORDS

# Panels shown beside the case list on the home page: QWidget classes taking (session) with an
# `open_case = Signal(int)`. They are rebuilt each time home is shown and destroyed on lock,
# since they may name people.
HOME_PANELS: list[Callable[[Session], QWidget]] = [DeadlinesPanel, DutiesPanel, StartDeadlinesPanel,
                                                  CaseloadPanel]


class _PanelColumn(QWidget):
    """The home panels' column: as tall as its wrapped text needs at the width it has, so in
    its scroll area it scrolls rather than squash a heading to fewer lines than it wraps to."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        needed = self.layout().heightForWidth(self.width()) if self.layout() is not None else -1
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


@dataclass
class Place:
    """Where the user was when the app locked: ids only, nothing personal."""

    page: str = "home"
    referral_id: int | None = None
    tab: int = 0
    administration_id: int | None = None
    position: int | None = None
    hand_over: bool = False


class MainWindow(QMainWindow):
    closed = Signal()
    signed_out = Signal()
    switched_user = Signal(object)  # the open case's referral id, or None

    def __init__(self, session: Session, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.preferences = preferences
        self.settings = session.site_settings()
        self.clipboard = PersonalClipboard(self)
        self.setWindowTitle(self.tr("CSTR Desk - {site_name}").format(site_name=self.settings.site_name))
        self.setAccessibleName(self.tr("CSTR Desk"))
        self.referral_page: ReferralPage | None = None
        self.case_view: CaseView | None = None
        self.runner: Runner | None = None
        self.monitoring_page: MonitoringPage | None = None
        self.lock_screen: LockScreen | None = None
        self.place = Place()
        self._runner_case: tuple[int, int] = (0, 0)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.case_list = CaseListPage(session)
        self.case_list.open_case.connect(self.open_case)
        self.case_list.new_referral.connect(self.new_referral)
        self.home = self._build_home()
        self.stack.addWidget(self.home)
        self._build_actions()
        self.idle = IdleWatcher(self.settings.idle_lock_minutes, self)
        QApplication.instance().installEventFilter(self.idle)
        self.idle.idle.connect(self.lock)
        self.idle.start()
        # A permanent widget: a passing message (showMessage) no longer hides who is signed in.
        self.signed_in_as = label(self.tr("Signed in as {full_name} ({0})").format(ROLE_WORDS[session.user.role], full_name=session.user.full_name))
        self.signed_in_as.setWordWrap(False)
        self.statusBar().addPermanentWidget(self.signed_in_as)
        self.resize(1366, 768)
        self.show_home()

    # --- building -------------------------------------------------------------------------

    def _build_home(self) -> QWidget:
        home = QWidget()
        layout = QHBoxLayout(home)
        layout.addWidget(self.case_list, 3)
        panels = _PanelColumn()
        self.home_panels = QVBoxLayout(panels)
        self.home_panels.setContentsMargins(0, 0, 0, 0)
        # The panels give way to the case list: they scroll in their own column, so at extra
        # large text they neither push the window past a 1366x768 screen nor squeeze the names
        # (issue 14). The case list keeps three quarters of the width.
        self.home_side = scrolling(panels)
        self.home_side.setFrameShape(QFrame.Shape.NoFrame)
        self.home_side.setMinimumWidth(0)
        layout.addWidget(self.home_side, 1)
        return home

    def _show_home_panels(self) -> None:
        clear_layout(self.home_panels)
        # The panels list cases (missed appointments, duties, deadlines): an administrator,
        # who may not see case records, would get one refusal a panel and buttons that fail.
        sees_cases = may(self.session.user.role, Action.VIEW_CASES)
        self.home_side.setVisible(sees_cases)
        if not sees_cases:
            return
        for make_panel in HOME_PANELS:
            panel = make_panel(self.session)
            panel.open_case.connect(self.open_case)
            self.home_panels.addWidget(panel)

    def _action(self, text: str, shortcut: QKeySequence | str | None, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(self.tr("&New referral"), "Ctrl+N", self.new_referral)
        self.find_action = self._action(self.tr("&Find a case"), "Ctrl+F", self.find_case)
        self.home_action = self._action(self.tr("&Case list"), "Ctrl+H", self.show_home)
        self.lock_action = self._action(self.tr("&Lock"), "Ctrl+L", self.lock)
        self.sign_out_action = self._action(self.tr("Sign &out"), None, self.sign_out)
        self.switch_user_action = self._action(self.tr("S&witch user (keeps this case open)"), "Ctrl+Shift+L",
                                               self.switch_user)
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        self.monitoring_action = self._action(self.tr("&Monthly monitoring return"), None,
                                              self.show_monitoring)
        self.about_action = self._action(self.tr("&About CSTR Desk and the questionnaires"), None,
                                         lambda: AboutDialog(self).exec())
        self.contrast_action = self._action(self.tr("&High contrast"), None, self._toggle_contrast)
        self.contrast_action.setCheckable(True)
        self.contrast_action.setChecked(self.preferences.high_contrast)
        self.navigation = [self.new_action, self.find_action, self.home_action, self.sign_out_action,
                           self.switch_user_action, self.quit_action, self.monitoring_action]
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for action in (self.new_action, self.find_action, self.home_action, self.lock_action,
                       self.switch_user_action, self.sign_out_action, self.quit_action):
            file_menu.addAction(action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        sizes = QActionGroup(self)
        self.size_actions: dict[TextSize, QAction] = {}
        for size, text in TEXT_SIZE_LABELS.items():
            action = self._action(text, None, lambda s=size: self.set_text_size(s))
            action.setCheckable(True)
            action.setChecked(self.preferences.text_size == size)
            sizes.addAction(action)
            view_menu.addAction(action)
            self.size_actions[size] = action
        view_menu.addSeparator()
        view_menu.addAction(self.contrast_action)
        self.menuBar().addMenu(self.tr("&Reports")).addAction(self.monitoring_action)
        if self.session.user.role == Role.ADMINISTRATOR:
            self.users_action = self._action(self.tr("&Users…"), None, self.manage_users)
            self.site_settings_action = self._action(self.tr("&Site settings…"), None, self.edit_site_settings)
            self.clear_confirmed_action = self._action(self.tr("&Clear confirmed cases…"), None,
                                                       self.clear_confirmed_cases)
            admin_menu = self.menuBar().addMenu(self.tr("&Administration"))
            admin_menu.addAction(self.users_action)
            admin_menu.addAction(self.site_settings_action)
            admin_menu.addAction(self.clear_confirmed_action)
            self.navigation += [self.users_action, self.site_settings_action,
                                self.clear_confirmed_action]
        self.menuBar().addMenu(self.tr("&Help")).addAction(self.about_action)

    # --- pages ----------------------------------------------------------------------------

    def show_home(self) -> None:
        if self.lock_screen is not None or self._in_hand_over():
            return
        self._drop_pages()
        self.stack.setCurrentWidget(self.home)
        self._refresh_cases()
        self._show_home_panels()
        self.case_list.focus_search()

    def manage_users(self) -> None:
        self.users_dialog = UsersDialog(self.session, self)
        self.users_dialog.session_closed.connect(self.sign_out)
        self.users_dialog.open()

    def edit_site_settings(self) -> None:
        self.site_settings_dialog = SiteSettingsDialog(self.session, self)
        self.site_settings_dialog.accepted.connect(self._site_settings_saved)
        self.site_settings_dialog.open()

    def clear_confirmed_cases(self) -> None:
        self.clear_confirmed_dialog = ClearConfirmedDialog(self.session, self)
        self.clear_confirmed_dialog.cleared.connect(lambda _count: self._refresh_cases())
        self.clear_confirmed_dialog.open()
        self.clear_confirmed_dialog.ask_hub()

    def _site_settings_saved(self) -> None:
        self.settings = self.session.site_settings()
        self.idle.set_minutes(self.settings.idle_lock_minutes)
        self.notify("Site settings saved.")

    def find_case(self) -> None:
        self.show_home()
        self.case_list.focus_search()

    def new_referral(self) -> None:
        if self.lock_screen is not None or self._in_hand_over():
            return
        self._drop_pages()
        self.referral_page = ReferralPage(self.session, self.settings)
        self.referral_page.referral_created.connect(self.open_case)
        self.referral_page.cancelled.connect(self.show_home)
        self.stack.addWidget(self.referral_page)
        self.stack.setCurrentWidget(self.referral_page)
        self.referral_page.focus_first()

    def show_monitoring(self) -> None:
        if self.lock_screen is not None or self._in_hand_over():
            return
        self._drop_pages()
        self.monitoring_page = MonitoringPage(self.session)
        self.stack.addWidget(self.monitoring_page)
        self.stack.setCurrentWidget(self.monitoring_page)
        self.monitoring_page.month.setFocus()

    def open_case(self, referral_id: int, tab: int = 0) -> None:
        self._drop_pages()
        try:
            self.case_view = CaseView(self.session, referral_id)
        except StoreError as error:
            self.statusBar().showMessage(plain_words(error.message))
            self.show_home()
            return
        self.case_view.back_requested.connect(self.show_home)
        self.case_view.run_requested.connect(self.run_questionnaire)
        self.case_view.notice.connect(self.notify)
        self.case_view.set_current_tab(tab)
        self.stack.addWidget(self.case_view)
        self.stack.setCurrentWidget(self.case_view)
        self.case_view.tabs.setFocus()

    def run_questionnaire(self, administration_id: int, hand_over: bool) -> None:
        referral_id, tab = self.case_view.referral_id, self.case_view.current_tab()
        self._drop_pages()
        self.runner = Runner(self.session, administration_id, hand_over)
        self.runner.finished.connect(lambda _id: self._back_to_case(referral_id, tab))
        self.runner.closed.connect(lambda _id: self._back_to_case(referral_id, tab))
        self.runner.hand_back_requested.connect(self.end_hand_over)
        self.runner.notice.connect(self.notify)
        self._runner_case = (referral_id, tab)
        self.stack.addWidget(self.runner)
        self.stack.setCurrentWidget(self.runner)
        self._set_hand_over_chrome(hand_over)
        self.runner.focus_page()

    def _back_to_case(self, referral_id: int, tab: int) -> None:
        self.open_case(referral_id, tab)

    def notify(self, text: str) -> None:
        self.statusBar().showMessage(plain_words(text), 8000)

    def _refresh_cases(self) -> None:
        try:
            self.case_list.refresh()
        except StoreError as error:
            self.case_list.empty.setText(error.message)

    def _drop_pages(self) -> None:
        """Destroy every page but home, so no personal data outlives its page."""
        for attribute in ("referral_page", "case_view", "runner", "monitoring_page"):
            page = getattr(self, attribute)
            if page is not None:
                self.stack.removeWidget(page)
                page.setParent(None)  # out of the window's tree now; freed on the next loop turn
                page.deleteLater()
                setattr(self, attribute, None)

    # --- hand-over ------------------------------------------------------------------------

    def _in_hand_over(self) -> bool:
        return self.runner is not None and self.runner.hand_over

    def _set_hand_over_chrome(self, on: bool) -> None:
        # Nothing but the questions: no menus, no status bar (it names the user), no way out.
        if on:
            self.case_list.clear()
            clear_layout(self.home_panels)
        self.menuBar().setVisible(not on)
        self.statusBar().setVisible(not on)
        for action in self.navigation:
            action.setEnabled(not on)
        if on:
            self.showFullScreen()
        elif self.isFullScreen():
            self.showNormal()

    def end_hand_over(self) -> None:
        dialog = PasswordCheckDialog(self.session, "Hand back to the practitioner",
                                     f"{self.session.user.full_name}, type your password to "
                                     "take the device back.", self)
        dialog.accepted.connect(self._hand_over_ended)
        self.hand_back_dialog = dialog
        dialog.open()

    def _hand_over_ended(self) -> None:
        self._set_hand_over_chrome(False)
        if self.runner is not None:
            self.runner.set_hand_over(False)

    # --- text size and contrast -----------------------------------------------------------

    def set_text_size(self, size: TextSize) -> None:
        self.preferences.text_size = size
        self.size_actions[size].setChecked(True)
        apply_theme(QApplication.instance(), self.preferences)

    def _toggle_contrast(self) -> None:
        self.preferences.high_contrast = self.contrast_action.isChecked()
        apply_theme(QApplication.instance(), self.preferences)

    # --- lock -----------------------------------------------------------------------------

    def current_place(self) -> Place:
        if self.runner is not None:
            referral_id, tab = self._runner_case
            return Place("runner", referral_id, tab, self.runner.administration_id, self.runner.position, self.runner.hand_over)
        if self.case_view is not None:
            return Place("case", self.case_view.referral_id, self.case_view.current_tab())
        if self.referral_page is not None:
            return Place("referral")
        return Place("home")

    def lock(self) -> None:
        if self.lock_screen is not None:
            return
        self.place = self.current_place()
        self._drop_pages()
        self.case_list.clear()
        clear_layout(self.home_panels)
        self.clipboard.clear()
        self.idle.stop()
        self.session.lock()
        for action in self.navigation:
            action.setEnabled(False)
        self.lock_screen = LockScreen(self.session)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.sign_out_requested.connect(self.sign_out)
        self.stack.addWidget(self.lock_screen)
        self.stack.setCurrentWidget(self.lock_screen)
        self.lock_screen.focus_password()

    def unlock(self) -> None:
        if self.lock_screen is None:
            return
        self.stack.removeWidget(self.lock_screen)
        self.lock_screen.deleteLater()
        self.lock_screen = None
        for action in self.navigation:
            action.setEnabled(True)
        self.idle.start()
        self.restore(self.place)

    def restore(self, place: Place) -> None:
        if place.page == "home":
            self.show_home()
        elif place.page == "referral":
            self.new_referral()
        elif place.page == "case":
            self.open_case(place.referral_id, place.tab)
        else:
            self.open_case(place.referral_id, place.tab)
            self.run_questionnaire(place.administration_id, place.hand_over)
            self.runner.go_to(place.position)

    # --- leaving --------------------------------------------------------------------------

    def sign_out(self) -> None:
        self._leave()
        self.signed_out.emit()

    def switch_user(self) -> None:
        if self._in_hand_over():
            return
        place = self.current_place()
        self._leave()
        self.switched_user.emit(place.referral_id)

    def open_case_for_next_step(self, referral_id: int | None) -> None:
        if referral_id is None:
            return
        self.open_case(referral_id)
        if self.case_view is not None:
            action = self.case_view.progress.next_action
            if action is not None:
                self.case_view.go_to_step(action)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._in_hand_over():  # only the practitioner's password ends hand-over
            event.ignore()
            return
        self._leave()
        super().closeEvent(event)
        self.closed.emit()

    def _leave(self) -> None:
        if self.session is None:
            return
        self._drop_pages()
        self.case_list.clear()
        self.clipboard.clear()
        self.idle.stop()
        QApplication.instance().removeEventFilter(self.idle)
        self.session.close()
        self.session = None
        self.hide()
