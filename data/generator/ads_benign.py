"""Benign ad families: TikTok's own, official-login tools, first-party viewers, news, products.

These are the hard negatives: they say "who viewed", "profile views" and "followers" too.
"""

from __future__ import annotations

from data.generator.kit import Bank, Family

TIKTOK_OWN = Family(
    key="ad-benign-tiktokown",
    label="benign",
    subtype="tiktok_official",
    n=10,
    langs=(("en", 2), ("es", 1), ("pt", 1), ("id", 2), ("vi", 1), ("tr", 1), ("de", 1), ("fr", 1)),
    names=("TikTok",),
    devs=("TikTok",),
    text={
        "en": Bank(
            intros=("Curious who checked out your profile?", "Profile view history is in Settings"),
            points=(
                "Turn on Profile view history in Settings and privacy. It's off by default and works both ways: people you view can see you too.",
                "Only TikTok can show it, and only if you both turn it on. Never share your password with sites that promise more.",
            ),
            closes=("Open Settings", "Learn more"),
        ),
        "es": Bank(
            intros=("¿Quieres saber quién vio tu perfil?",),
            points=(
                "Activa el Historial de visualizaciones del perfil en Configuración y privacidad. Viene desactivado y funciona en ambos sentidos.",
            ),
            closes=("Abrir Configuración",),
        ),
        "pt": Bank(
            intros=("Quer saber quem viu seu perfil?",),
            points=(
                "Ative o Histórico de visualização do perfil em Configurações e privacidade. Vem desligado e funciona nos dois sentidos.",
            ),
            closes=("Abrir Configurações",),
        ),
        "id": Bank(
            intros=("Penasaran siapa yang melihat profilmu?",),
            points=(
                "Aktifkan Riwayat tayangan profil di Pengaturan dan privasi. Mati secara default dan berlaku dua arah.",
            ),
            closes=("Buka Pengaturan",),
        ),
        "vi": Bank(
            intros=("Tò mò ai đã xem hồ sơ của bạn?",),
            points=(
                "Bật Lịch sử xem hồ sơ trong Cài đặt và quyền riêng tư. Mặc định tắt và áp dụng hai chiều.",
            ),
            closes=("Mở Cài đặt",),
        ),
        "tr": Bank(
            intros=("Profiline kimin baktığını merak mı ediyorsun?",),
            points=(
                "Ayarlar ve gizlilik bölümünden Profil görüntüleme geçmişini aç. Varsayılan olarak kapalıdır ve karşılıklıdır.",
            ),
            closes=("Ayarları aç",),
        ),
        "de": Bank(
            intros=("Neugierig, wer dein Profil angesehen hat?",),
            points=(
                "Aktiviere den Profilaufrufverlauf unter Einstellungen und Datenschutz. Standardmäßig aus, und er gilt in beide Richtungen.",
            ),
            closes=("Einstellungen öffnen",),
        ),
        "fr": Bank(
            intros=("Envie de savoir qui a vu ton profil ?",),
            points=(
                "Active l'Historique des vues du profil dans Paramètres et confidentialité. Désactivé par défaut, il fonctionne dans les deux sens.",
            ),
            closes=("Ouvrir les paramètres",),
        ),
    },
    knobs={
        "urls": (
            "https://support.tiktok.com/en/account-and-privacy/account-privacy-settings/profile-view-history",
            "https://www.tiktok.com/safety/en/",
            "https://newsroom.tiktok.com/",
        ),
    },
)

CREATOR_TOOLS = Family(
    key="ad-benign-creatortools",
    label="benign",
    subtype="oauth_tool",
    n=9,
    langs=(("en", 4), ("es", 2), ("de", 2)),
    names=("PostQueue", "Statwatch"),
    text={
        "en": Bank(
            intros=(
                "Know which videos grow your followers",
                "Your TikTok analytics, finally in one place",
            ),
            points=(
                "Connect with Login with TikTok — you approve on TikTok, we never see your password.",
                "Views, followers and best posting times for your own account. We can't show who viewed you; nobody can.",
                "Schedule posts and track your own growth. Revoke access anytime in TikTok's settings.",
            ),
            closes=("Start free", "Connect TikTok"),
        ),
        "es": Bank(
            intros=(
                "Descubre qué videos te traen seguidores",
                "Tus analíticas de TikTok en un solo lugar",
            ),
            points=(
                "Conecta con Login with TikTok: autorizas en TikTok y nunca vemos tu contraseña.",
                "Vistas y seguidores de tu propia cuenta. No podemos mostrar quién te vio; nadie puede.",
            ),
            closes=("Empezar gratis", "Conectar TikTok"),
        ),
        "de": Bank(
            intros=("Welche Videos bringen dir Follower?", "Deine TikTok-Analysen an einem Ort"),
            points=(
                "Verbinde dich über Login with TikTok: du bestätigst bei TikTok, wir sehen nie dein Passwort.",
                "Aufrufe und Follower deines eigenen Kontos. Wer dich angesehen hat, kann niemand zeigen.",
            ),
            closes=("Kostenlos starten", "TikTok verbinden"),
        ),
    },
    knobs={
        "urls": ("https://postqueue.app/analytics", "https://statwatch.io/"),
        "url_by_name": True,
    },
)

DATING_LIKED = Family(
    key="ad-benign-datingliked",
    label="benign",
    subtype="first_party_viewers",
    n=9,
    langs=(("en", 3), ("pt", 2), ("fr", 2), ("tr", 2)),
    names=("Matchwave", "Heartline"),
    text={
        "en": Bank(
            intros=("See who liked you on {name}", "Someone viewed your {name} profile 👀"),
            points=(
                "With Gold you see everyone who liked you and who viewed your {name} profile. Join free today.",
                "Meet people nearby who already liked you. Verified photos only.",
            ),
            closes=("Join free", "See who liked you"),
        ),
        "pt": Bank(
            intros=("Veja quem curtiu você no {name}", "Alguém viu seu perfil no {name}"),
            points=(
                "Com o Gold você vê quem curtiu e quem visitou seu perfil no {name}. Entre grátis.",
            ),
            closes=("Entrar grátis", "Ver curtidas"),
        ),
        "fr": Bank(
            intros=("Vois qui t'a liké sur {name}", "Quelqu'un a vu ton profil {name}"),
            points=(
                "Avec Gold, tu vois qui t'a liké et qui a visité ton profil {name}. Inscription gratuite.",
            ),
            closes=("S'inscrire", "Voir qui t'a liké"),
        ),
        "tr": Bank(
            intros=("{name}'da seni kimin beğendiğini gör", "Biri {name} profiline baktı"),
            points=(
                "Gold ile seni beğenenleri ve {name} profiline bakanları gör. Ücretsiz katıl.",
            ),
            closes=("Ücretsiz katıl", "Beğenenleri gör"),
        ),
    },
    knobs={"urls": ("https://matchwave.com/gold", "https://heartline.app/"), "url_by_name": True},
)

NEWS_EXPLAINER = Family(
    key="ad-benign-newsexplainer",
    label="benign",
    subtype="news_explainer",
    n=9,
    langs=(("en", 2), ("es", 1), ("pt", 2), ("de", 1), ("fr", 1), ("id", 2)),
    names=("The Daily Byte", "Pocket Tech Review"),
    text={
        "en": Bank(
            intros=(
                "Can you see who viewed your TikTok? We checked",
                "Those 'who viewed your profile' apps: do they work?",
            ),
            points=(
                "Short answer: only TikTok's own opt-in Profile view history, and it works both ways. Apps that promise more are scams.",
                "We tested five 'profile viewer' apps. All of them invented their lists, and two asked for passwords.",
            ),
            closes=("Read the story", "Read more"),
        ),
        "es": Bank(
            intros=("¿Se puede ver quién vio tu TikTok? Lo comprobamos",),
            points=(
                "Solo con el historial opcional de TikTok, y funciona en ambos sentidos. Las apps que prometen más son estafas.",
            ),
            closes=("Leer el artículo",),
        ),
        "pt": Bank(
            intros=("Dá para ver quem viu seu TikTok? Nós testamos",),
            points=(
                "Só pelo histórico opcional do próprio TikTok, e vale nos dois sentidos. Apps que prometem mais são golpe.",
            ),
            closes=("Ler a matéria",),
        ),
        "de": Bank(
            intros=("Kann man sehen, wer das eigene TikTok angesehen hat? Wir haben es geprüft",),
            points=(
                "Nur über TikToks eigenen, freiwilligen Profilaufrufverlauf. Apps, die mehr versprechen, sind Betrug.",
            ),
            closes=("Zum Artikel",),
        ),
        "fr": Bank(
            intros=("Peut-on voir qui a regardé son TikTok ? On a vérifié",),
            points=(
                "Seulement avec l'historique des vues de TikTok, à activer soi-même. Les applis qui promettent plus sont des arnaques.",
            ),
            closes=("Lire l'article",),
        ),
        "id": Bank(
            intros=("Bisakah melihat siapa yang melihat TikTok-mu? Kami cek",),
            points=(
                "Hanya lewat riwayat tayangan profil resmi TikTok yang harus diaktifkan. Aplikasi yang menjanjikan lebih adalah penipuan.",
            ),
            closes=("Baca artikel",),
        ),
    },
    knobs={
        "urls": (
            "https://thedailybyte.news/2026/can-you-see-who-viewed-your-tiktok",
            "https://pockettechreview.com/guides/tiktok-profile-viewers-tested",
        ),
        "url_by_name": True,
    },
)

PRODUCTS = Family(
    key="ad-benign-products",
    label="benign",
    subtype="ordinary_product",
    n=9,
    langs=(("en", 2), ("vi", 1), ("es", 2)),
    names=("Lumi Ring Light", "ClipForge", "Nimbus Mobile"),
    text={
        "en": Bank(
            intros=(
                "Look better on camera tonight",
                "Edit like a pro in 5 minutes",
                "Unlimited data for creators",
            ),
            points=(
                "The 10-inch ring light creators love. Free shipping, 30-day returns.",
                "Auto-captions, beat-synced templates and 4K export. Free to start.",
                "Post, stream and upload without worrying about your data cap. $25/month.",
            ),
            closes=("Shop now", "Install now", "Get the plan"),
        ),
        "vi": Bank(
            intros=(
                "Lên hình đẹp hơn ngay tối nay",
                "Chỉnh video như dân chuyên trong 5 phút",
                "Data không giới hạn cho nhà sáng tạo",
            ),
            points=(
                "Đèn vòng 10 inch được nhà sáng tạo yêu thích. Miễn phí giao hàng.",
                "Phụ đề tự động, mẫu theo nhạc và xuất 4K. Bắt đầu miễn phí.",
                "Đăng video, livestream thoải mái không lo hết data.",
            ),
            closes=("Mua ngay", "Cài đặt", "Đăng ký gói"),
        ),
        "es": Bank(
            intros=(
                "Sal mejor en cámara esta noche",
                "Edita como profesional en 5 minutos",
                "Datos ilimitados para creadores",
            ),
            points=(
                "El aro de luz de 10 pulgadas favorito de los creadores. Envío gratis.",
                "Subtítulos automáticos, plantillas y exportación 4K. Empieza gratis.",
                "Sube y transmite sin preocuparte por tus datos. 25 $ al mes.",
            ),
            closes=("Comprar", "Instalar", "Ver el plan"),
        ),
    },
    knobs={
        "urls": (
            "https://lumilight.shop/ring-10",
            "https://play.google.com/store/apps/details?id=com.clipforge.editor",
            "https://nimbusmobile.com/creator-plan",
        ),
        "aligned": True,
    },
)

PRO_VIEWS = Family(
    key="ad-benign-proviews",
    label="benign",
    subtype="first_party_viewers",
    n=6,
    langs=(("en", 2), ("de", 1), ("id", 1)),
    names=("Linkwise",),
    text={
        "en": Bank(
            intros=(
                "Recruiters viewed your profile this week",
                "See who viewed your Linkwise profile",
            ),
            points=(
                "Premium shows everyone who viewed your Linkwise profile in the last 90 days, and how they found you.",
            ),
            closes=("Try Premium free", "See viewers"),
        ),
        "de": Bank(
            intros=("Recruiter haben dein Profil angesehen",),
            points=(
                "Mit Premium siehst du alle, die dein Linkwise-Profil in den letzten 90 Tagen angesehen haben.",
            ),
            closes=("Premium testen",),
        ),
        "id": Bank(
            intros=("Perekrut melihat profilmu minggu ini",),
            points=(
                "Premium menampilkan semua yang melihat profil Linkwise-mu dalam 90 hari terakhir.",
            ),
            closes=("Coba Premium gratis",),
        ),
    },
    knobs={"urls": ("https://linkwise.work/premium", "https://linkwise.work/me/profile-views")},
)

FAMILIES = (TIKTOK_OWN, CREATOR_TOOLS, DATING_LIKED, NEWS_EXPLAINER, PRODUCTS, PRO_VIEWS)
