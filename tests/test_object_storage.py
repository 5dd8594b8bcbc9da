"""Media on object storage: with a bucket named, uploads, renditions and documents go through
django-storages to an S3-compatible server (moto in server mode, a separate process here)."""

import socket
import subprocess
import sys
import time
from urllib.parse import urlparse

import boto3
import pytest
from botocore.config import Config
from wagtail.documents.models import Document
from wagtail.images.models import Image

from odi_site.renditions import rendition_specs
from odi_site.uploads import STORAGE_FAILED_MESSAGE
from tests.test_settings import PRODUCTION_ENV, production_setting
from tests.test_uploads import DOCUMENT_UPLOADERS, IMAGE_UPLOADERS, JPEG, upload

BUCKET = "odi-media-test"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    """moto's S3-compatible server on a loopback port, for this module."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.kill()
        pytest.fail("moto server did not start")
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_server, config=Config(retries={"max_attempts": 1}))
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": BUCKET, "endpoint_url": s3_server, "file_overwrite": False},
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


@pytest.mark.django_db
class TestMediaOnObjectStorage:
    def test_an_uploaded_image_and_its_renditions_land_in_the_bucket(
        self, admin_client, bucket, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            status, error = upload(admin_client, IMAGE_UPLOADERS[0], "photo.jpg", JPEG)
        assert status == 302 and error == ""
        image = Image.objects.get()
        stored = keys(bucket)
        assert f"{image.file.name}" in stored
        assert len([key for key in stored if key.startswith("images/")]) == len(rendition_specs())
        body = bucket.get_object(Bucket=BUCKET, Key=image.file.name)["Body"].read()
        assert body == JPEG
        assert urlparse(image.file.url).netloc == urlparse(bucket.meta.endpoint_url).netloc

    def test_a_document_is_stored_in_the_bucket_and_served_after_the_privacy_check(self, admin_client, bucket):
        status, _error = upload(admin_client, DOCUMENT_UPLOADERS[0], "report.pdf", b"%PDF-1.7\n" + bytes(100))
        assert status == 302
        document = Document.objects.get()
        assert document.file.name in keys(bucket)
        response = admin_client.get(document.url)
        assert response.status_code == 302 and BUCKET in response["Location"]

    def test_an_unreachable_object_store_gives_the_form_error_and_no_row(self, admin_client, settings, db):
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "endpoint_url": f"http://127.0.0.1:{free_port()}",
                    "access_key": "testing",
                    "secret_key": "testing",
                    "client_config": Config(retries={"max_attempts": 1}, connect_timeout=1),
                },
            },
        }
        status, error = upload(admin_client, IMAGE_UPLOADERS[1], "photo.jpg", JPEG)
        assert status == 200 and STORAGE_FAILED_MESSAGE in error
        assert not Image.objects.exists()


def test_settings_put_media_on_the_bucket_named_in_the_environment():
    storage = production_setting(
        "s.STORAGES['default']",
        **PRODUCTION_ENV,
        AWS_STORAGE_BUCKET_NAME="odi-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.edu",
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (storage["OPTIONS"]["bucket_name"], storage["OPTIONS"]["endpoint_url"]) == (
        "odi-media",
        "https://s3.example.edu",
    )
