"""Durable autosave: SIGKILL at random moments loses no answer whose save had returned."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cstr_desk.domain import Role
from cstr_desk.store import open_with_password
from cstr_desk.store.testing import (
    TEST_PASSWORD, USERNAMES, make_database, sample_person, sample_referral,
)

SAVES = 500
CHILD = """
import sys
from pathlib import Path
from cstr_desk.domain import AdministrationMode
from cstr_desk.store import open_with_password

path, username, password, referral_id = sys.argv[1:5]
session = open_with_password(Path(path), username, password)
started = session.start_administration(int(referral_id), "core34", "hash",
                                       AdministrationMode.PRACTITIONER)
print("ready", started.id, flush=True)
for number in range(1, {saves} + 1):
    session.record_answer(started.id, str(number), number % 5, position=number)
    print(number, flush=True)
print("done", flush=True)
""".format(saves=SAVES)


pytestmark = pytest.mark.usefixtures("fast_kdf")


def _run_and_kill(path: Path, referral_id: int, rng: random.Random) -> tuple[int, list[int]]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), USERNAMES[Role.PRACTITIONER], TEST_PASSWORD,
         str(referral_id)],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    ready = child.stdout.readline().split()
    assert ready[0] == "ready", ready
    # Kill after a random number of returned saves plus a random sub-save pause, so the
    # SIGKILL lands at a random point inside a save, whatever this machine's speed.
    kill_after = rng.randrange(1, SAVES)
    reported = [int(child.stdout.readline()) for _ in range(kill_after)]
    time.sleep(rng.uniform(0.0, 0.003))
    child.send_signal(signal.SIGKILL)
    rest, _ = child.communicate(timeout=30)
    reported += [int(line) for line in rest.split() if line.isdigit()]
    return int(ready[1]), reported


@pytest.mark.slow
def test_sigkill_during_autosave_loses_no_returned_answer(tmp_path):
    path = tmp_path / "court.cstr"
    make_database(path)[0].close()
    with open_with_password(path, USERNAMES[Role.PRACTITIONER], TEST_PASSWORD) as session:
        referral = session.add_referral(sample_referral(session.add_person(sample_person()).id))
    killed_mid_way = 0
    for seed in range(15):
        administration_id, reported = _run_and_kill(path, referral.id, random.Random(seed))
        killed_mid_way += 0 < len(reported) < SAVES
        # The same database is reopened after every kill: recovery must work each time.
        with open_with_password(path, USERNAMES[Role.PRACTITIONER], TEST_PASSWORD) as session:
            saved = session.get_administration(administration_id)
        answers = saved.item_answers()
        missing = [n for n in reported if answers.get(n) != n % 5]
        assert not missing, f"seed {seed}: returned saves lost: {missing[:10]}"
        assert saved.position >= max(reported, default=0)
    assert killed_mid_way >= 12  # the kills really landed during the saves
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:
        assert admin.verify().ok
