"""The README's nginx example (docs/deploy/nginx-proxy.conf), run for real on loopback in front of
the test server: with TRUSTED_PROXY_COUNT=1 the app sees the client's own address, and an
X-Forwarded-For the client forges does not change it. Needs Debian's nginx (nginx-light)."""

import http.client
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from axes.models import AccessAttempt

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEPLOY = Path(__file__).resolve().parent.parent / "docs" / "deploy"
CLIENT = "127.0.0.2"  # the "client": another loopback address than nginx's own

pytestmark = pytest.mark.skipif(
    not Path(NGINX).exists(), reason="nginx is not installed (apt-get install nginx-light)"
)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def nginx(live_server, tmp_path):
    port = _free_port()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"""
daemon off;
master_process off;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{}}
http {{
    access_log {tmp_path}/access.log;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            include {DEPLOY / "nginx-proxy.conf"};
            proxy_pass {live_server.url};
        }}
    }}
}}
"""
    )
    process = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp_path)])  # noqa: S603
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield {"port": port, "access_log": tmp_path / "access.log"}
    process.terminate()
    process.wait(timeout=10)


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=10, source_address=(CLIENT, 0)
    )
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response, response.read().decode()


@pytest.mark.django_db(transaction=True)
def test_behind_nginx_the_app_sees_the_client_not_the_proxy(nginx, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    response, page = request(nginx["port"], "GET", "/accounts/login/")
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = f"csrfmiddlewaretoken={token}&username=pat%40example.com&password=wrong-password"
    response, _page = request(
        nginx["port"],
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "X-Forwarded-For": "6.6.6.6",  # forged by the client
        },
    )
    assert response.status == 200
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [CLIENT]
