"""Scam ad families. Bank fields for ads: intros = headlines, points = body lines, closes = CTAs."""

from __future__ import annotations

from data.generator.kit import Bank, Family

STALK_VIEW = Family(
    key="ad-scam-stalkview",
    label="scam",
    subtype="credential_phishing",
    n=10,
    langs=(("en", 4), ("es", 2), ("pt", 2), ("id", 2)),
    names=("TT Insights", "ProfileViews Check"),
    text={
        "en": Bank(
            intros=(
                "See who stalks your TikTok — free",
                "Who viewed your TikTok today? Find out now",
            ),
            points=(
                "Log in with your TikTok account and get your visitor list in 30 seconds.",
                "Your secret admirers are waiting. Verify your account to unlock the list.",
                "100% free, works for every account.",
            ),
            closes=("Check my visitors", "Log in & see"),
        ),
        "es": Bank(
            intros=("Mira quién te stalkea en TikTok — gratis", "¿Quién vio tu TikTok hoy?"),
            points=(
                "Inicia sesión con tu cuenta de TikTok y recibe tu lista de visitantes en 30 segundos.",
                "Verifica tu cuenta para desbloquear a tus admiradores secretos.",
            ),
            closes=("Ver mis visitantes", "Entrar y ver"),
        ),
        "pt": Bank(
            intros=("Veja quem stalkeia seu TikTok — grátis", "Quem viu seu TikTok hoje?"),
            points=(
                "Entre com sua conta do TikTok e receba sua lista de visitantes em 30 segundos.",
                "Verifique sua conta para liberar seus admiradores secretos.",
            ),
            closes=("Ver meus visitantes", "Entrar e ver"),
        ),
        "id": Bank(
            intros=(
                "Lihat siapa yang stalking TikTok kamu — gratis",
                "Siapa yang melihat TikTok kamu hari ini?",
            ),
            points=(
                "Masuk dengan akun TikTok dan dapatkan daftar pengunjung dalam 30 detik.",
                "Verifikasi akun untuk membuka daftar pengagum rahasia.",
            ),
            closes=("Cek pengunjung", "Masuk & lihat"),
        ),
    },
    knobs={
        "urls": (
            "https://tiktok-viewers-check.com/login",
            "https://ttinsights-free.site/",
            "https://profileviews-tt.online/verify",
            "https://bit.ly/tt-visitors-now",
        ),
    },
)

FOLLOWER_GEN = Family(
    key="ad-scam-followergen",
    label="scam",
    subtype="content_locker",
    n=10,
    langs=(("en", 4), ("id", 2), ("vi", 2), ("tr", 2)),
    names=("FreeFans 2026", "TikBoost Generator"),
    text={
        "en": Bank(
            intros=(
                "Free TikTok followers generator 2026",
                "10,000 free followers — no human verification*",
            ),
            points=(
                "Enter your username, pick a package and complete one quick offer to confirm you're human.",
                "Real followers delivered in minutes. Limited slots today!",
                "No password needed. Just verify and unlock.",
            ),
            closes=("Generate now", "Get followers"),
        ),
        "id": Bank(
            intros=("Generator followers TikTok gratis 2026", "10.000 followers gratis hari ini"),
            points=(
                "Masukkan username, pilih paket dan selesaikan satu penawaran untuk verifikasi.",
                "Followers asli masuk dalam hitungan menit. Slot terbatas!",
            ),
            closes=("Ambil sekarang", "Dapatkan followers"),
        ),
        "vi": Bank(
            intros=("Tăng follow TikTok miễn phí 2026", "10.000 follow miễn phí hôm nay"),
            points=(
                "Nhập tên người dùng, chọn gói và hoàn thành một ưu đãi để xác minh.",
                "Follow thật lên trong vài phút. Số lượng có hạn!",
            ),
            closes=("Nhận ngay", "Tăng follow"),
        ),
        "tr": Bank(
            intros=("Ücretsiz TikTok takipçi 2026", "Bugün 10.000 ücretsiz takipçi"),
            points=(
                "Kullanıcı adını gir, paketi seç ve doğrulama için bir teklifi tamamla.",
                "Gerçek takipçiler dakikalar içinde. Sınırlı kontenjan!",
            ),
            closes=("Hemen al", "Takipçi kazan"),
        ),
    },
    knobs={
        "urls": (
            "https://freefans2026.xyz/",
            "https://tikboost-gen.top/free",
            "https://is.gd/ttfollows26",
            "https://followers-free.click/tt",
        ),
    },
)

SPY_REPORT = Family(
    key="ad-scam-spyreport",
    label="scam",
    subtype="spy_report_fabricated",
    n=9,
    langs=(("pt", 4), ("es", 3), ("en", 2)),
    names=("Espiãozinho", "Stalk Report"),
    text={
        "pt": Bank(
            intros=(
                "Descubra quem visita seu perfil escondido",
                "Veja quem stalkeia você — até de madrugada",
            ),
            points=(
                "Cole o link de qualquer perfil e veja visitantes, curtidas escondidas e atividade de madrugada.",
                "Relatório completo liberado via PIX em segundos.",
                "Ninguém fica sabendo que você olhou.",
            ),
            closes=("Gerar relatório", "Ver agora"),
        ),
        "es": Bank(
            intros=(
                "Descubre quién visita tu perfil a escondidas",
                "Mira quién te espía — incluso de madrugada",
            ),
            points=(
                "Pega el enlace de cualquier perfil y mira visitantes y actividad nocturna.",
                "Informe completo al instante tras el pago.",
            ),
            closes=("Generar informe", "Ver ahora"),
        ),
        "en": Bank(
            intros=(
                "Find out who secretly visits any profile",
                "See who stalks them — even at 3 a.m.",
            ),
            points=(
                "Paste any profile link and see hidden visitors, likes and late-night activity.",
                "Full report unlocked instantly for a small fee.",
            ),
            closes=("Get the report", "See now"),
        ),
    },
    knobs={
        "urls": (
            "https://espiaozinho-relatorio.com/",
            "https://stalkreport.app/perfil",
            "https://relatorio-stalker.online/tiktok",
        ),
    },
)

APK_PRO = Family(
    key="ad-scam-apkpro",
    label="scam",
    subtype="malware_apk",
    n=8,
    langs=(("en", 2), ("vi", 2), ("id", 2), ("tr", 2)),
    names=("TikTok Pro", "TT Plus Mod"),
    text={
        "en": Bank(
            intros=(
                "TikTok Pro is here: see who viewed your profile",
                "Download TikTok Plus — hidden features unlocked",
            ),
            points=(
                "Only in the Pro version: profile viewers, video downloader and no ads. Download the APK and enable unknown sources.",
                "Not on Play Store yet — install the APK directly.",
            ),
            closes=("Download APK", "Install now"),
        ),
        "vi": Bank(
            intros=(
                "TikTok Pro đã có: xem ai đã xem hồ sơ",
                "Tải TikTok Plus — mở khóa tính năng ẩn",
            ),
            points=(
                "Chỉ bản Pro mới có: xem ai ghé thăm, tải video, không quảng cáo. Tải APK và bật nguồn không xác định.",
                "Chưa có trên CH Play — cài APK trực tiếp.",
            ),
            closes=("Tải APK", "Cài ngay"),
        ),
        "id": Bank(
            intros=(
                "TikTok Pro hadir: lihat siapa yang melihat profilmu",
                "Unduh TikTok Plus — fitur rahasia terbuka",
            ),
            points=(
                "Hanya di versi Pro: pengunjung profil, unduh video, tanpa iklan. Unduh APK dan aktifkan sumber tidak dikenal.",
                "Belum ada di Play Store — pasang APK langsung.",
            ),
            closes=("Unduh APK", "Pasang sekarang"),
        ),
        "tr": Bank(
            intros=(
                "TikTok Pro geldi: profiline bakanları gör",
                "TikTok Plus indir — gizli özellikler açık",
            ),
            points=(
                "Sadece Pro sürümde: profil ziyaretçileri, video indirme, reklamsız. APK'yı indir, bilinmeyen kaynaklara izin ver.",
                "Play Store'da yok — APK'yı doğrudan kur.",
            ),
            closes=("APK indir", "Hemen kur"),
        ),
    },
    knobs={
        "urls": (
            "https://tiktokpro-apk.net/download/tiktok_pro_v34.apk",
            "https://ttplus-mod.com/get",
            "https://tinyurl.com/ttpro-apk-new",
        ),
    },
)

COIN_GIVEAWAY = Family(
    key="ad-scam-coingiveaway",
    label="scam",
    subtype="giveaway_phishing",
    n=8,
    langs=(("en", 2), ("de", 2), ("fr", 2), ("es", 2)),
    names=("Creator Rewards Week", "Coins Giveaway"),
    text={
        "en": Bank(
            intros=(
                "Win 10,000 TikTok coins this week",
                "Giveaway: free coins for the first 500 creators",
            ),
            points=(
                "Log in with your TikTok username and password to claim. The verification code we send confirms your prize.",
                "Winners announced live. Sign in to enter.",
            ),
            closes=("Claim my coins", "Enter giveaway"),
        ),
        "de": Bank(
            intros=(
                "Gewinne diese Woche 10.000 TikTok-Münzen",
                "Gewinnspiel: Gratis-Münzen für die ersten 500",
            ),
            points=(
                "Melde dich mit TikTok-Benutzername und Passwort an. Der Bestätigungscode sichert deinen Gewinn.",
                "Gewinner live bekanntgegeben. Jetzt anmelden.",
            ),
            closes=("Münzen sichern", "Mitmachen"),
        ),
        "fr": Bank(
            intros=(
                "Gagne 10 000 pièces TikTok cette semaine",
                "Concours : pièces gratuites pour les 500 premiers",
            ),
            points=(
                "Connecte-toi avec ton identifiant et ton mot de passe TikTok. Le code reçu confirme ton lot.",
                "Gagnants annoncés en direct. Connecte-toi pour participer.",
            ),
            closes=("Récupérer mes pièces", "Participer"),
        ),
        "es": Bank(
            intros=(
                "Gana 10.000 monedas de TikTok esta semana",
                "Sorteo: monedas gratis para los primeros 500",
            ),
            points=(
                "Inicia sesión con tu usuario y contraseña de TikTok. El código que enviamos confirma tu premio.",
                "Ganadores en directo. Entra para participar.",
            ),
            closes=("Reclamar monedas", "Participar"),
        ),
    },
    knobs={
        "urls": (
            "https://tiktok-rewards-week.com/claim",
            "https://coins-giveaway.live/login",
            "https://tiktok.com-rewards.info/event",
        ),
    },
)

FLEECE_PROMO = Family(
    key="ad-scam-fleecepromo",
    label="scam",
    subtype="fleeceware_app_promo",
    n=7,
    langs=(("en", 3), ("de", 2), ("fr", 2)),
    names=("Profile Peek", "Visitors+"),
    text={
        "en": Bank(
            intros=(
                "Who viewed your profile? The app that tells you",
                "Your profile visitors, revealed",
            ),
            points=(
                "Try 3 days free, then just $6.99 a week. Top visitors, secret admirers and stalker alerts.",
                "Millions already know who's watching them.",
            ),
            closes=("Install", "Try free"),
        ),
        "de": Bank(
            intros=(
                "Wer hat dein Profil angesehen? Diese App verrät es",
                "Deine Profilbesucher, enthüllt",
            ),
            points=(
                "3 Tage gratis, dann nur 5,99 € pro Woche. Top-Besucher und heimliche Verehrer.",
                "Millionen wissen schon, wer sie beobachtet.",
            ),
            closes=("Installieren", "Gratis testen"),
        ),
        "fr": Bank(
            intros=(
                "Qui a vu ton profil ? L'appli qui te le dit",
                "Tes visiteurs de profil, révélés",
            ),
            points=(
                "3 jours gratuits, puis 6,99 € par semaine. Top visiteurs et admirateurs secrets.",
                "Des millions savent déjà qui les regarde.",
            ),
            closes=("Installer", "Essai gratuit"),
        ),
    },
    knobs={
        "urls": (
            "https://play.google.com/store/apps/details?id=com.profilepeek.visitors",
            "https://apps.apple.com/us/app/visitors-profile-reports/id6451127733",
        ),
    },
)

FAMILIES = (STALK_VIEW, FOLLOWER_GEN, SPY_REPORT, APK_PRO, COIN_GIVEAWAY, FLEECE_PROMO)
