"""Secrets of unknown providers, named in eight languages, are refused; look-alikes are not.

Issue 15 (item 2): a high-entropy token a few words after a key word is a
secret whatever its provider, in EN, ZH, FR, ES, DE, RU, JA and AR; so is a
password in a connection string, and a JWT. What a memory is full of (ids,
UUIDs, hashes, model names, URLs, code) is not, and the output of ``redact()``
is never refused again. The tokens are random (seeded) and the sentences are
written for these tests.
"""

from __future__ import annotations

import random
import string

import pytest

from memstack.screen import critical, max_severity, redact, screen

_R = random.Random(2026)
_ALNUM = string.ascii_letters + string.digits


def tok(n: int) -> str:
    return "".join(_R.choice(_ALNUM) for _ in range(n))


def pw() -> str:
    return tok(9) + "7!"


SECRETS = [
    # English: the key word several words before the value
    f"the key for the weather service is {tok(32)}",
    f"our deploy token: {tok(40)}",
    # Chinese
    f"天气接口的密钥是{tok(32)}",
    f"访问令牌：{tok(36)}",
    f"路由器密码是 {pw()}",
    # French
    f"la clé de l'API météo est {tok(32)}",
    f"mon jeton d'accès : {tok(40)}",
    f"le mot de passe du NAS est {pw()}",
    # Spanish
    f"la clave de la API es {tok(32)}",
    f"el token de acceso: {tok(40)}",
    f"la contraseña del wifi es {pw()}",
    # German
    f"der API-Schlüssel lautet {tok(32)}",
    f"Zugangstoken: {tok(40)}",
    f"das Passwort ist {pw()}",
    # Russian
    f"ключ API: {tok(32)}",
    f"секретный ключ — {tok(32)}",
    f"пароль: {pw()}",
    # Japanese
    f"APIキーは {tok(32)} です",
    f"シークレット: {tok(32)}",
    f"パスワードは {pw()} です",
    # Arabic
    f"مفتاح API هو {tok(32)}",
    f"رمز الوصول: {tok(40)}",
    f"كلمة المرور: {pw()}",
    # connection strings and JWTs
    f"postgresql://app:{tok(16)}@db.internal:5432/prod",
    f"mongodb+srv://admin:{tok(12)}@cluster0.example.net/test",
    f"redis://:{tok(20)}@cache.internal:6379/0",
    f"Server=tcp:sql.example.net;Database=prod;User Id=app;Password={tok(16)};",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiIsIm5hbWUiOiJBbGljZSJ9."
    + tok(43),
]


@pytest.mark.parametrize("text", SECRETS)
def test_a_named_secret_is_refused_in_any_language(text: str) -> None:
    found = screen(text)
    assert max_severity(found) == "critical", text
    assert critical(text), text


@pytest.mark.parametrize("text", SECRETS)
def test_redacted_output_is_not_refused_again(text: str) -> None:
    masked = redact(text, screen(text))
    assert masked != text
    assert not critical(masked), masked


@pytest.mark.parametrize(
    "text",
    [
        "The idempotency key for the retry was 4f1c2b7e-9a3d-4c5e-8f60-1a2b3c4d5e6f.",
        "tokens: 4096 max per request, model gpt-4o-mini-2024-07-18",
        "The key commit that fixed it is 9fceb02d0ae598e95dc970b74767f19372d61af8.",
        "Token usage doubled after the switch to claude-3-5-sonnet-20241022 last week.",
        "The sharding key is customer_id, see https://docs.example.com/sharding?v=2&lang=en",
        "La clé USB est dans le tiroir, avec le câble USB-C-vers-HDMI-4k.",
        "密钥轮换的文档在 wiki/security/key-rotation-2024.md 里。",
        "キーボードの型番は K380-MULTI-DEVICE-BT です。",
        "Ключ от квартиры у соседки, код домофона не менялся.",
        "مفتاح السيارة مع أحمد.",
        "api_key = os.environ['WEATHER_API_KEY']",
        "token = request.headers.get('X-Auth-Token', '')",
        "Her GPG key id is 3AA5C34371567BD2 and the fingerprint starts with 9F1C.",
    ],
)
def test_ids_hashes_urls_and_code_near_key_words_are_not_secrets(text: str) -> None:
    assert not critical(text), [f.message for f in critical(text)]
