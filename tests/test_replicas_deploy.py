"""Beyond one machine, on paper (issue 19, point 2): the container image definition and the
Kubernetes manifests agree with the app — the port it listens on, the readiness and liveness
paths it answers (atlas.ready), where its warehouse is, who it runs as — and with each other.
Parsed, not built: the tests need no Docker daemon and no network."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import yaml

from atlas import ready
from atlas.charts.maps import GEO_DIR
from atlas.data.sql import ROOT

DEPLOY = ROOT / "deploy"
PORT = 8501


def dockerfile() -> dict[str, list[str]]:
    """Instruction -> its arguments, continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", (DEPLOY / "Dockerfile").read_text())
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            word, _, rest = line.strip().partition(" ")
            found.setdefault(word.upper(), []).append(rest.strip())
    return found


@pytest.fixture(scope="module")
def k8s() -> dict[str, dict]:
    docs = [
        d
        for f in sorted((DEPLOY / "k8s").glob("*.yaml"))
        for d in yaml.safe_load_all(f.read_text())
    ]
    return {d["kind"]: d for d in docs if d}


def container(k8s: dict) -> dict:
    (app,) = k8s["Deployment"]["spec"]["template"]["spec"]["containers"]
    return app


def test_the_image_builds_the_warehouse_where_the_app_reads_it_and_runs_read_only():
    d = dockerfile()
    (workdir,) = d["WORKDIR"]
    builds = [r for r in d["RUN"] if "-m pipelines build" in r]
    assert builds, "the warehouse is built at image build time"
    warehouse = Path(workdir) / ROOT.joinpath("data", "atlas.duckdb").relative_to(ROOT)
    assert str(warehouse) == "/app/data/atlas.duckdb"
    assert "chmod -R a-w data" in builds[0]  # frozen after the build
    (user,) = d["USER"]
    assert user not in ("root", "0") and "useradd --uid " + user in builds[0]
    assert f"chown atlas {GEO_DIR.relative_to(ROOT)}" in builds[0]  # the one writable folder
    assert d["EXPOSE"] == [str(PORT)]
    cmd = json.loads(d["CMD"][0])
    assert cmd[1:3] == ["-m", "atlas.serve"]
    assert cmd[cmd.index("--server.port") + 1] == str(PORT)
    assert cmd[cmd.index("--server.address") + 1] == "0.0.0.0"
    (health,) = d["HEALTHCHECK"]
    assert f"http://127.0.0.1:{PORT}{ready.READY}" in health
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert "data/atlas.duckdb" in ignored and ".venv" in ignored  # built fresh in the image


def test_the_deployment_probes_the_app_s_own_endpoints(k8s):
    app = container(k8s)
    (port,) = app["ports"]
    assert port["containerPort"] == PORT
    assert app["args"][app["args"].index("--server.port") + 1] == str(PORT)
    assert app["args"] == json.loads(dockerfile()["CMD"][0])  # the same command as the image
    assert app["readinessProbe"]["httpGet"] == {"path": ready.READY, "port": port["name"]}
    assert app["livenessProbe"]["httpGet"] == {"path": ready.LIVE, "port": port["name"]}
    assert app["startupProbe"]["httpGet"]["path"] == ready.LIVE
    sec = app["securityContext"]
    assert sec["readOnlyRootFilesystem"] is True and sec["allowPrivilegeEscalation"] is False
    pod = k8s["Deployment"]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert str(pod["securityContext"]["runAsUser"]) == dockerfile()["USER"][0]
    mounts = {m["mountPath"] for m in app["volumeMounts"]}
    assert f"/app/{GEO_DIR.relative_to(ROOT)}" in mounts and "/tmp" in mounts
    assert app["resources"]["requests"]["cpu"] == "1"  # one process uses one core at most


def test_service_ingress_and_autoscaler_point_at_the_deployment(k8s):
    dep, svc, ing, hpa = (
        k8s[k] for k in ("Deployment", "Service", "Ingress", "HorizontalPodAutoscaler")
    )
    labels = dep["spec"]["template"]["metadata"]["labels"]
    assert dep["spec"]["selector"]["matchLabels"] == labels == svc["spec"]["selector"]
    (sport,) = svc["spec"]["ports"]
    assert sport["targetPort"] == container(k8s)["ports"][0]["name"]
    backend = ing["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": svc["metadata"]["name"], "port": {"name": sport["name"]}}
    notes = ing["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"  # websockets stay on a pod
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    assert "error" in notes["nginx.ingress.kubernetes.io/proxy-next-upstream"]
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", dep["metadata"]["name"])
    (metric,) = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu"
    assert hpa["spec"]["minReplicas"] >= 2  # one pod can fail without an outage


def test_the_commands_in_the_files_are_the_ones_the_app_knows():
    from atlas.serve import option

    cmd = json.loads(dockerfile()["CMD"][0])
    assert option(cmd, "--server.port", "0") == str(PORT)
    assert shlex.join(cmd).count("atlas.serve") == 1
