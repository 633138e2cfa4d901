"""Property tests of the endpoint against its own OpenAPI document (schemathesis).

Every operation gets generated valid and invalid requests; the checks fail on any 5xx, any status
code the document does not list, and any body, header or content type that does not match it.
Bare URLs can never leave the machine: ``connect_to_only`` refuses every host (they answer 422).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("schemathesis")

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from detector.config import Settings
from detector.serve import create_app

KEY = "schema-key-0123456789abcdef"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture(scope="module")
def served_app(shipped: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    store = Path(tmp_path_factory.mktemp("serve-schema")) / "serve.sqlite"
    app = create_app(
        Settings(
            api_keys=f"fuzz:{KEY}",
            serve_store=str(store),
            serve_rate_limit="100000/minute",
            serve_client_rate_limit="100000/minute",
            connect_to_only=True,
            max_request_bytes=200_000,
        ),
        detector=shipped,
    )
    with TestClient(app):  # runs the lifespan once: the model is ready for every case
        yield app


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_every_operation_matches_its_document(served_app: Any, mode: str) -> None:
    api = schemathesis.openapi.from_asgi("/openapi.json", served_app)
    # An invalid body over the size limit is refused with 413 before it is read: a rejection,
    # though not one of the statuses schemathesis counts as rejecting by default.
    rejection = api.config.checks.negative_data_rejection
    rejection.expected_statuses = [*rejection.expected_statuses, "413"]
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) == 9  # seven routes, the two probes with HEAD as well
    for operation in operations:
        if mode == "negative" and operation.method.upper() in ("GET", "HEAD"):
            continue  # no parameters and no body: nothing to make invalid

        @given(case=operation.as_strategy(generation_mode=GenerationMode(mode)))
        @settings(
            max_examples=12,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case: Any) -> None:
            case.call_and_validate(headers={"X-API-Key": KEY}, checks=CHECKS)

        check()


def test_the_document_lists_every_status_the_routes_use(served_app: Any) -> None:
    doc = TestClient(served_app).get("/openapi.json").json()
    score = doc["paths"]["/v1/score"]["post"]["responses"]
    assert {"200", "400", "401", "408", "413", "415", "422", "429", "431", "503"} <= set(score)
    assert "Retry-After" in score["429"]["headers"]
    assert "431" in doc["paths"]["/healthz"]["get"]["responses"]  # every route: uvicorn's layer
    assert doc["paths"]["/readyz"]["head"]["responses"].keys() == (
        doc["paths"]["/readyz"]["get"]["responses"].keys()
    )
    report = doc["paths"]["/v1/report"]["post"]["responses"]
    assert {"202", "503"} <= set(report)
    lookup = doc["components"]["schemas"]["LookupRequest"]["properties"]["prefixes"]
    assert lookup["items"]["pattern"] == "^[0-9a-f]{4,8}$"
