"""Secrets by shape and context, whatever the provider; no false alarms on code and ids.

Issue 15 asks that every secret is refused even when its provider is unknown,
that code such as ``password = db.Column(...)`` is not, and that the output of
``redact()`` (``keep=4``) passes the same screen. The keys below are random
(seeded), in the shapes of providers that ``secrets.PROVIDERS`` does not list,
and passwords are written the way people write them in chat.
"""

from __future__ import annotations

import random
import string
from urllib.parse import quote

import pytest

from memstack.screen import critical, max_severity, redact, screen

_R = random.Random(7)
_ALNUM = string.ascii_letters + string.digits
_HEX = "0123456789abcdef"


def rnd(n: int, alphabet: str = _ALNUM) -> str:
    return "".join(_R.choice(alphabet) for _ in range(n))


SECRETS = [
    f"Grafana service account token glsa_{rnd(32)}_{rnd(8, _HEX)}",
    f"New Relic user key NRAK-{rnd(27, string.ascii_uppercase + string.digits)}",
    f"Twilio API key SK{rnd(32, _HEX)} for the SMS worker",
    f"Heroku HRKU-{rnd(36, _ALNUM + '_-')}",
    f"supabase access token sbp_{rnd(40, _HEX)}",
    f"PlanetScale password pscale_pw_{rnd(43)}",
    f"Replicate r8_{rnd(37)}",
    f"groq: gsk_{rnd(52)}",
    f"Mistral API key {rnd(32)}",
    f"Mapbox token sk.eyJ1Ijoi{rnd(20)}.{rnd(22)}",
    f"Terraform Cloud token {rnd(14)}.atlasv1.{rnd(60)}",
    f"Sentry: sntrys_{rnd(60)}",
    f"FlyV1 fm2_{rnd(80)}",
    f"Doppler service token dp.st.prd.{rnd(40)}",
    f"AccountKey={rnd(86)}==",
    f"client_secret {rnd(34, _ALNUM + '~._-')}",
    f"Here's the key for the analytics API: {rnd(40, _HEX)}",
    f"export OPENROUTER_API_KEY=sk-or-v1-{rnd(64, _HEX)}",
    f"The webhook signing secret is {rnd(32)}",
    f"creds: deploy:{rnd(16)}",
    "login: admin, pass: N0tS3cure!",
    'ssh passphrase "blue-Otter-42" for the deploy key',
    "pw for the router Xk9#mL2qT",
    "Use passphrase 'correct-horse-Battery-9' for the backup disk.",
    "Staging DB creds for reference: user deploy, password Tr0ub4dor&3xQ!",
    "my card PIN is 4829",
    "Router admin password: Zebra!Lamp7",
    "Kennwort für den Server: Haus#Baum42",
    "wifi: guest / Sunny-Day-2024",
    "用户名 root 密码 Abc#12345xyz",
    "パスワードは Kx9!mQ2z です",
]

NOT_SECRETS = [
    "class User(db.Model):\n    password = db.Column(db.String(128))",
    "password = form.password.data",
    "password_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt())",
    "if password != confirm: raise ValueError('passwords differ')",
    "const apiKey = process.env.MAPS_API_KEY;",
    "access_token = response.json()['access_token']",
    "Customer id cus_NffrFeUfNV2Hib was charged via ch_3MmlLrLkdIwHu7ix0snN0B15.",
    "commit 9fceb02d0ae598e95dc970b74767f19372d61af8 fixed the token refresh.",
    "The UUID of the key record is 3f2b8c1e-7d4a-4e9b-a6c2-1f8e9d0b7a35.",
    "sha256 of the key file: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "The API key id is key_01J9ZQ3K8X4V2M7N5P6R0T1W3Y.",
    "Password rules: min 12 chars, must include a digit like 7 and a symbol like #.",
    "pwd prints /home/alice/projects on her laptop.",
    "Use `passwd alice` to change her password on the server.",
    "Bob's SSH key fingerprint is SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop",
    "Her Docker image is ghcr.io/acme/api:v2.14.0-rc.3",
    "The boarding pass says seat 14C, booking AB12-CD34.",
    "Request id req_8f2kLm3N9pQ4rS7t, trace id 4bf92f3577b34da6a3ce929d0e0e4736.",
    "The token endpoint is https://auth.example.com/oauth2/token for the login flow.",
    "The Wi-Fi password is on the fridge.",
    "Token count for the prompt was 1,532 tokens.",
    # Percent-encoded queries without a credential: redirects, filters, searches.
    "Login redirects to https://app.example.com/login?next=%2Fdashboard%3Ftab%3DBilling2%26p%3D2",
    "Search link: https://www.example.com/search?q=caf%C3%A9%20au%20lait%26lang%3Dfr",
    "The SSO callback is https://sso.example.org/cb?state=%7B%22return%22%3A%22%2Fhome%22%7D",
]


@pytest.mark.parametrize("text", SECRETS)
def test_secrets_of_unknown_shape_are_refused(text: str) -> None:
    assert max_severity(screen(text)) == "critical"


@pytest.mark.parametrize("text", SECRETS)
def test_the_redacted_text_passes_the_same_screen(text: str) -> None:
    shown = redact(text, screen(text), keep=4)
    assert shown != text
    assert max_severity(screen(shown)) != "critical", shown


@pytest.mark.parametrize("text", NOT_SECRETS)
def test_code_ids_hashes_and_urls_are_not_secrets(text: str) -> None:
    assert not [f for f in screen(text) if f.category == "secret"]


CREDENTIALS = [
    f"api_key={rnd(32)}",
    "password=Hunter2!xx",
    f"apikey={rnd(32, _HEX)}",
    f"token=ghp_{rnd(36)}",
    f"AWS_SECRET_ACCESS_KEY={rnd(40, _ALNUM + '/+')}",
]


@pytest.mark.parametrize("credential", CREDENTIALS)
def test_a_percent_encoded_credential_in_a_url_is_refused_like_the_decoded_one(
    credential: str,
) -> None:
    plain = f"Callback: https://api.example.com/cb?{credential}"
    assert max_severity(screen(plain)) == "critical"
    for url in (
        f"https://api.example.com/cb?q=1%26{quote(credential, safe='')}",
        f"https://api.example.com/cb?next={quote('/x?' + credential, safe='')}",
    ):
        text = f"Callback: {url}"
        assert max_severity(screen(text)) == "critical", text
        assert critical(text), text
