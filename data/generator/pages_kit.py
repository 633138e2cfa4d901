"""Family definition and the wording both labels share (TikTok login words, lure offers).

The login words serve TikTok's real login page (benign) and the phishing clones (scam) alike,
and the lure offers are quoted by honest explainers as well as pushed by scams: the words
themselves must not give the label away.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from data.generator.pages_hosts import Loc
from data.generator.pages_skeletons import FRAMEWORKS, Page

T = TypeVar("T")
Builder = Callable[[random.Random, str, int], tuple[Page, Loc]]


@dataclass(frozen=True)
class Family:
    """One campaign / template / publisher: every row of it shares a builder."""

    key: str
    label: str
    subtype: str
    langs: tuple[str, ...]
    count: int
    build: Builder
    frameworks: tuple[str, ...] = FRAMEWORKS
    # Optional skeleton of its own (page, style stream) -> html; default: pages_skeletons.render.
    skin: Callable[[Page, random.Random], str] | None = None


def pick(rng: random.Random, options: Sequence[T]) -> T:
    return options[rng.randrange(len(options))]


def shuffled(rng: random.Random, items: Sequence[T]) -> list[T]:
    out = list(items)
    rng.shuffle(out)
    return out


def token(
    rng: random.Random, n: int = 6, alphabet: str = "abcdefghijklmnopqrstuvwxyz0123456789"
) -> str:
    return "".join(rng.choices(alphabet, k=n))


# title, user field, password, forgot, submit, signup
LOGIN: dict[str, tuple[str, str, str, str, str, str]] = {
    "en": ("Log in to TikTok", "Email or username", "Password", "Forgot password?", "Log in",
           "Don't have an account? Sign up"),
    "es": ("Iniciar sesión en TikTok", "Correo o nombre de usuario", "Contraseña",
           "¿Olvidaste tu contraseña?", "Iniciar sesión", "¿No tienes cuenta? Regístrate"),
    "pt": ("Entrar no TikTok", "E-mail ou nome de usuário", "Senha", "Esqueceu a senha?",
           "Entrar", "Não tem uma conta? Cadastre-se"),
    "id": ("Masuk ke TikTok", "Email atau nama pengguna", "Kata sandi", "Lupa kata sandi?",
           "Masuk", "Belum punya akun? Daftar"),
    "vi": ("Đăng nhập vào TikTok", "Email hoặc tên người dùng", "Mật khẩu", "Quên mật khẩu?",
           "Đăng nhập", "Bạn chưa có tài khoản? Đăng ký"),
    "tr": ("TikTok'a giriş yap", "E-posta veya kullanıcı adı", "Şifre", "Şifreni mi unuttun?",
           "Giriş yap", "Hesabın yok mu? Kaydol"),
    "de": ("Bei TikTok anmelden", "E-Mail oder Benutzername", "Passwort", "Passwort vergessen?",
           "Anmelden", "Noch kein Konto? Registrieren"),
    "fr": ("Se connecter à TikTok", "E-mail ou nom d'utilisateur", "Mot de passe",
           "Mot de passe oublié ?", "Se connecter", "Vous n'avez pas de compte ? S'inscrire"),
    "ar": ("تسجيل الدخول إلى TikTok", "البريد الإلكتروني أو اسم المستخدم", "كلمة المرور",
           "هل نسيت كلمة المرور؟", "تسجيل الدخول", "ليس لديك حساب؟ اشترك"),
    "th": ("เข้าสู่ระบบ TikTok", "อีเมลหรือชื่อผู้ใช้", "รหัสผ่าน", "ลืมรหัสผ่าน?", "เข้าสู่ระบบ",
           "ยังไม่มีบัญชี? ลงทะเบียน"),
}  # fmt: skip

# Offers that scams make and explainers quote: who viewed / saved / admirers / followers.
LURES: dict[str, tuple[str, ...]] = {
    "en": ("See who viewed your TikTok profile", "Find out who saved your videos",
           "Reveal your secret admirers on TikTok", "Get 10,000 free TikTok followers",
           "Who stalks your TikTok? Check now"),
    "es": ("Mira quién vio tu perfil de TikTok", "Descubre quién guardó tus videos",
           "Revela a tus admiradores secretos", "Consigue 10.000 seguidores gratis en TikTok"),
    "pt": ("Veja quem visitou seu perfil do TikTok", "Descubra quem salvou seus vídeos",
           "Revele seus admiradores secretos", "Ganhe 10 mil seguidores grátis no TikTok"),
    "id": ("Lihat siapa yang melihat profil TikTok kamu", "Cari tahu siapa yang menyimpan videomu",
           "Ungkap pengagum rahasiamu", "Dapatkan 10.000 followers TikTok gratis"),
    "vi": ("Xem ai đã xem hồ sơ TikTok của bạn", "Biết ai đã lưu video của bạn",
           "Tìm người thầm thích bạn trên TikTok", "Nhận 10.000 người theo dõi TikTok miễn phí"),
    "tr": ("TikTok profiline kimlerin baktığını gör", "Videolarını kimlerin kaydettiğini öğren",
           "Gizli hayranlarını ortaya çıkar", "Ücretsiz 10.000 TikTok takipçisi kazan"),
    "de": ("Sieh, wer dein TikTok-Profil angesehen hat", "Finde heraus, wer deine Videos gespeichert hat",
           "Entdecke deine heimlichen Verehrer", "Hol dir 10.000 kostenlose TikTok-Follower"),
    "fr": ("Découvrez qui a vu votre profil TikTok", "Sachez qui a enregistré vos vidéos",
           "Révélez vos admirateurs secrets", "Obtenez 10 000 abonnés TikTok gratuits"),
    "ar": ("اعرف من شاهد ملفك على تيك توك", "اكتشف من حفظ مقاطعك", "اكشف معجبيك السريين",
           "احصل على 10000 متابع مجانًا على تيك توك"),
    "th": ("ดูว่าใครเข้าชมโปรไฟล์ TikTok ของคุณ", "รู้ว่าใครบันทึกวิดีโอของคุณ", "เปิดเผยแฟนลับของคุณ",
           "รับผู้ติดตาม TikTok ฟรี 10,000 คน"),
}  # fmt: skip


def login_form(
    rng: random.Random,
    lang: str,
    action: str,
    *,
    form_id: str = "login",
    extra: str = "",
    classes: str = "",
) -> str:
    """A TikTok-looking username + password form (the caller decides where it posts)."""
    title, user, pw, forgot, submit, signup = LOGIN[lang]
    user_name = pick(rng, ("username", "email", "user", "login", "u"))
    pw_name = pick(rng, ("password", "pass", "pwd", "p"))
    return (
        f'<form id="{form_id}" class="{classes}" action="{action}" method="post">'
        f"<h2>{title}</h2>"
        f'<input type="text" name="{user_name}" placeholder="{user}" autocomplete="username" required>'
        f'<input type="password" name="{pw_name}" placeholder="{pw}" autocomplete="current-password" required>'
        f'{extra}<a href="#" class="forgot">{forgot}</a>'
        f'<button type="submit">{submit}</button><p class="signup">{signup}</p></form>'
    )


def tiktok_logo(rng: random.Random) -> str:
    """The brand mark scams copy (an inline SVG or a CDN image)."""
    if rng.random() < 0.5:
        return (
            '<svg class="tiktok-logo" width="118" height="42" viewBox="0 0 118 42" aria-label="TikTok">'
            '<path fill="#25F4EE" d="M9.9 16.3v-1.6a12 12 0 0 0-1.7-.1A12.6 12.6 0 0 0 1.1 37.7"/>'
            '<path fill="#FE2C55" d="M10.2 34.5c3.3 0 6-2.6 6.1-5.9V0h5.4"/></svg>'
        )
    return f'<img class="logo" src="/img/tiktok-logo-{rng.randint(1, 9)}.svg" alt="TikTok" width="118">'
