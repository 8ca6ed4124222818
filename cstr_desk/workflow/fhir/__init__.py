"""FHIR R4 export: a case as a transaction Bundle, a month as Bulk Data NDJSON (issue 17).

`export.py` assembles and writes; `questionnaires.py` and `records.py` build the resources;
`validation.py` checks each with fhir.resources; `identity.py` gives the stable ids; `codes.py`
holds every URI and code used."""

from cstr_desk.workflow.fhir.export import (
    BULK_TYPES, ExportContext, case_bundle, case_resources, export_case, export_month,
)
from cstr_desk.workflow.fhir.validation import InvalidResource

__all__ = ["BULK_TYPES", "ExportContext", "InvalidResource",
           "case_bundle", "case_resources", "export_case", "export_month"]
