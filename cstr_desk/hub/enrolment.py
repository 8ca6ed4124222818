"""Enrolling a desk with its site hub: the hub makes the desk a login of its own, the desk
proves it can sign in with it over verified TLS, and only then keeps it, inside its encrypted
store. A desk that was never enrolled works alone, exactly as before the hub."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict

from cstr_desk.hub.admin import DeskCredentials, add_desk
from cstr_desk.hub.connection import HubAddress, connect
from cstr_desk.hub.errors import HubError
from cstr_desk.store.session import Session


class HubEnrolment(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    address: HubAddress
    site: str
    desk_id: uuid.UUID
    role_name: str
    password: str
    enrolled_at: datetime


def enrol_desk(session: Session, address: HubAddress, hub_user: str, hub_password: str,
               site: str) -> HubEnrolment:
    """Enrols the desk whose database `session` has open (an administrator's session)."""
    record = session.hub_enrolment()
    if record.enrolment is not None:
        known = HubEnrolment.model_validate_json(record.enrolment)
        raise HubError(f"This desk is enrolled with the hub at {known.address.host} for site "
                       f"{known.site} already. Nothing was changed.")
    with connect(address, hub_user, hub_password) as hub:
        credentials = add_desk(hub, site, uuid.UUID(record.database_uuid),
                               enrolled_by=f"{session.user.username} on {session.path.name}")
    _prove_login(address, credentials)
    enrolment = HubEnrolment(address=address, site=site, desk_id=credentials.desk_id,
                             role_name=credentials.role_name, password=credentials.password,
                             enrolled_at=datetime.now(UTC))
    session.save_hub_enrolment(enrolment.model_dump_json())
    return enrolment


def load_enrolment(session: Session) -> HubEnrolment | None:
    body = session.hub_enrolment().enrolment
    return None if body is None else HubEnrolment.model_validate_json(body)


def _prove_login(address: HubAddress, credentials: DeskCredentials) -> None:
    # The desk's own login, over the same verified TLS, must see itself as the site's desk.
    with connect(address, credentials.role_name, credentials.password) as hub:
        site, desk = hub.execute("SELECT hub.my_site(), hub.my_desk()").fetchone()
    if (site, desk) != (credentials.site, credentials.desk_id):
        raise HubError("The hub enrolled this desk but does not recognise its login. Ask the "
                       "hub's administrator to check the hub; nothing was kept on this desk.")
