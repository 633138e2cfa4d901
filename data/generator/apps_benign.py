"""Benign app-store families: TikTok itself, editors, schedulers, public analytics, first-party viewers."""

from __future__ import annotations

from data.generator.kit import Bank, Family

_BASE = ("android.permission.INTERNET", "android.permission.ACCESS_NETWORK_STATE")
_BILLING = ("com.android.vending.BILLING",)
_ADS = ("com.google.android.gms.permission.AD_ID", "android.permission.POST_NOTIFICATIONS")
_MEDIA = (
    "android.permission.CAMERA",
    "android.permission.RECORD_AUDIO",
    "android.permission.READ_MEDIA_VIDEO",
    "android.permission.READ_MEDIA_IMAGES",
)

TIKTOK_OFFICIAL = Family(
    key="app-benign-tiktokofficial",
    label="benign",
    subtype="tiktok_official",
    n=5,
    langs=(("en", 2), ("id", 1), ("vi", 1), ("tr", 1)),
    names=("TikTok", "TikTok Lite", "TikTok Studio", "TikTok Shop Seller Center"),
    devs=("TikTok Pte. Ltd.",),
    text={
        "en": Bank(
            intros=(
                "{name} is the destination for short-form mobile videos. Watch, create and share with a global community.",
                "{name} helps creators manage posts, read analytics and reply to comments in one place.",
            ),
            points=(
                "Profile view history: you choose whether to see who viewed your profile; it is off by default and works both ways",
                "Analytics show total profile views and video views, not the names of viewers",
                "Edit with music, effects and filters",
                "Privacy and safety controls in Settings and privacy",
                "Manage app permissions for connected third-party apps",
            ),
            closes=(
                "Third-party apps cannot see who viewed your profile. Never share your password or login code with anyone.",
                "Learn more about safety, privacy and your account at the Help Center.",
            ),
        ),
        "id": Bank(
            intros=(
                "{name} adalah tempat untuk video pendek. Tonton, buat, dan bagikan bersama komunitas global.",
                "{name} membantu kreator mengelola postingan dan membaca analitik.",
            ),
            points=(
                "Riwayat tayangan profil: kamu memilih untuk mengaktifkannya, mati secara default dan berlaku dua arah",
                "Analitik menampilkan jumlah tayangan, bukan nama penonton",
                "Kontrol privasi di Pengaturan dan privasi",
            ),
            closes=(
                "Aplikasi pihak ketiga tidak dapat melihat siapa yang melihat profilmu. Jangan bagikan kata sandi atau kode masuk.",
                "Pelajari keamanan dan privasi di Pusat Bantuan.",
            ),
        ),
        "vi": Bank(
            intros=(
                "{name} là nơi dành cho video ngắn. Xem, sáng tạo và chia sẻ cùng cộng đồng toàn cầu.",
                "{name} giúp nhà sáng tạo quản lý bài đăng và xem số liệu phân tích.",
            ),
            points=(
                "Lịch sử xem hồ sơ: bạn tự chọn bật, mặc định tắt và áp dụng hai chiều",
                "Phân tích hiển thị tổng lượt xem, không hiển thị tên người xem",
                "Cài đặt quyền riêng tư và an toàn",
            ),
            closes=(
                "Ứng dụng bên thứ ba không thể biết ai đã xem hồ sơ của bạn. Đừng chia sẻ mật khẩu hoặc mã đăng nhập.",
                "Tìm hiểu thêm tại Trung tâm trợ giúp.",
            ),
        ),
        "tr": Bank(
            intros=(
                "{name} kısa videoların adresi. İzle, üret ve küresel bir toplulukla paylaş.",
                "{name} içerik üreticilerinin gönderilerini ve analizlerini yönetmesine yardım eder.",
            ),
            points=(
                "Profil görüntüleme geçmişi: açıp açmamayı sen seçersin, varsayılan olarak kapalıdır ve karşılıklıdır",
                "Analizler toplam görüntülenmeyi gösterir, izleyenlerin adlarını göstermez",
                "Ayarlar ve gizlilik bölümünde güvenlik kontrolleri",
            ),
            closes=(
                "Üçüncü taraf uygulamalar profilini kimin görüntülediğini göremez. Şifreni veya giriş kodunu kimseyle paylaşma.",
                "Daha fazlası için Yardım Merkezi'ni ziyaret et.",
            ),
        ),
    },
    knobs={
        "stores": ("play", "apple"),
        "pkgs": (
            "com.zhiliaoapp.musically",
            "com.zhiliaoapp.musically.go",
            "com.ss.android.tt.creator",
        ),
        "perms": (_BASE + _MEDIA[:2], _MEDIA[2:] + _ADS + ("android.permission.READ_CONTACTS",)),
        "iap": ("$0.99 - $99.99 per item", None),
        "sites": ("https://www.tiktok.com",),
        "emails": ("feedback@tiktok.com",),
        "installs": ("1,000,000,000+", "100,000,000+", "10,000,000+", "500,000,000+"),
        "reviews": (
            "Love it but too many ads lately.",
            "The new editor is great.",
            "Keeps crashing on my tablet.",
        ),
    },
)

CLIP_FORGE = Family(
    key="app-benign-clipforge",
    label="benign",
    subtype="video_editor",
    n=9,
    langs=(("en", 3), ("es", 1), ("pt", 1), ("de", 1)),
    names=("ClipForge Video Editor", "Reelsmith: Edit & Captions", "CutLoop - Short Video Maker"),
    text={
        "en": Bank(
            intros=(
                "{name} is a fast video editor for short clips: trim, add music, auto-captions and export in 4K.",
                "Make scroll-stopping videos in minutes. Templates, transitions and captions that follow your voice.",
            ),
            points=(
                "Auto-captions in 20 languages",
                "Beat-synced templates",
                "Green screen and background removal",
                "Export without watermark (Pro)",
                "Share straight to TikTok through the official share sheet",
            ),
            closes=(
                "Pro is optional: {price} or yearly. Editing stays on your phone; we never ask for your social media passwords.",
                "Free with ads. Pro removes ads and the watermark ({price}, cancel anytime in Google Play).",
            ),
        ),
        "es": Bank(
            intros=(
                "{name} es un editor rápido para videos cortos: recorta, añade música y subtítulos automáticos.",
                "Crea videos que atrapan en minutos con plantillas y transiciones.",
            ),
            points=(
                "Subtítulos automáticos en 20 idiomas",
                "Plantillas al ritmo",
                "Exportar sin marca de agua (Pro)",
            ),
            closes=(
                "Pro es opcional: {price} o anual. Nunca pedimos contraseñas de redes sociales.",
                "Gratis con anuncios. Pro quita anuncios ({price}, cancela cuando quieras).",
            ),
        ),
        "pt": Bank(
            intros=(
                "{name} é um editor rápido para vídeos curtos: corte, música e legendas automáticas.",
                "Crie vídeos que prendem em minutos com modelos e transições.",
            ),
            points=(
                "Legendas automáticas em 20 idiomas",
                "Modelos no ritmo da música",
                "Exportar sem marca d'água (Pro)",
            ),
            closes=(
                "O Pro é opcional: {price} ou anual. Nunca pedimos senhas de redes sociais.",
                "Grátis com anúncios. O Pro remove anúncios ({price}, cancele quando quiser).",
            ),
        ),
        "de": Bank(
            intros=(
                "{name} ist ein schneller Editor für kurze Clips: schneiden, Musik, automatische Untertitel.",
                "Erstelle starke Kurzvideos in Minuten mit Vorlagen und Übergängen.",
            ),
            points=(
                "Automatische Untertitel in 20 Sprachen",
                "Beat-Vorlagen",
                "Export ohne Wasserzeichen (Pro)",
            ),
            closes=(
                "Pro ist optional: {price} oder jährlich. Wir fragen nie nach Passwörtern sozialer Netzwerke.",
                "Gratis mit Werbung. Pro entfernt Werbung ({price}, jederzeit kündbar).",
            ),
        ),
    },
    knobs={
        "stores": ("play", "play", "apple"),
        "pkgs": ("com.clipforge.editor", "app.reelsmith.captions", "com.cutloop.maker"),
        "perms": (_BASE + _MEDIA + _BILLING, (*_ADS, "android.permission.FOREGROUND_SERVICE")),
        "iap": ("$4.99/week", "$3.99 per week", "$39.99/year", "$7.99/month"),
        "sites": ("https://clipforge.app", "https://reelsmith.io", "https://cutloop.video"),
        "emails": ("help@clipforge.app", "support@reelsmith.io", "cutloop.support@gmail.com"),
        "reviews": (
            "Captions are spot on.",
            "Weekly price is steep, yearly is better.",
            "Export keeps failing on long videos.",
        ),
    },
)

POST_QUEUE = Family(
    key="app-benign-postqueue",
    label="benign",
    subtype="oauth_scheduler",
    n=8,
    langs=(("en", 2), ("fr", 1), ("es", 1)),
    names=(
        "PostQueue: Schedule for TikTok",
        "QueueCast Social Planner",
        "Plannr - Content Calendar",
    ),
    text={
        "en": Bank(
            intros=(
                "{name} lets you plan and schedule posts. Connect with Login with TikTok: you approve access on TikTok and can revoke it anytime.",
                "Plan your week of content, then let {name} publish at the best time through TikTok's official API.",
            ),
            points=(
                "Calendar and drafts",
                "Direct posting with your permission (video.publish)",
                "Your own video stats: views, likes, comments",
                "Team approvals",
                "Revoke in Settings › Security › Manage app permissions",
            ),
            closes=(
                "We never see your password. We cannot show who viewed your videos or profile: TikTok does not share that with any app.",
                "Access uses TikTok's official login with the scopes listed on the consent screen. Free plan; Pro {price}.",
            ),
        ),
        "fr": Bank(
            intros=(
                "{name} permet de planifier tes publications. Connexion via Login with TikTok : tu autorises l'accès sur TikTok.",
                "Prépare ta semaine de contenu, {name} publie au meilleur moment via l'API officielle.",
            ),
            points=(
                "Calendrier et brouillons",
                "Publication avec ton accord",
                "Statistiques de tes propres vidéos",
            ),
            closes=(
                "Nous ne voyons jamais ton mot de passe. Impossible de savoir qui a vu ton profil : TikTok ne partage pas cette donnée.",
                "Offre gratuite ; Pro {price}. Révocation dans les paramètres de TikTok.",
            ),
        ),
        "es": Bank(
            intros=(
                "{name} te deja programar publicaciones. Conecta con Login with TikTok: autorizas el acceso en TikTok.",
                "Planifica tu semana y {name} publica a la mejor hora con la API oficial.",
            ),
            points=(
                "Calendario y borradores",
                "Publicación con tu permiso",
                "Estadísticas de tus propios videos",
            ),
            closes=(
                "Nunca vemos tu contraseña. No podemos mostrar quién vio tu perfil: TikTok no comparte ese dato.",
                "Plan gratis; Pro {price}. Revoca el acceso en la configuración de TikTok.",
            ),
        ),
    },
    knobs={
        "stores": ("play", "apple"),
        "pkgs": ("com.postqueue.app", "io.queuecast.planner", "com.plannr.calendar"),
        "perms": (_BASE + _BILLING, ("android.permission.READ_MEDIA_VIDEO", *_ADS)),
        "iap": ("$12.99/month", "$9.99 per month", "$99.99/year"),
        "sites": ("https://postqueue.app", "https://queuecast.io", "https://plannr.co"),
        "emails": ("hello@postqueue.app", "support@queuecast.io"),
        "installs": ("1,000+", "10,000+", "100,000+", "500+"),
        "reviews": (
            "Saves me hours every week.",
            "Wish it supported carousels.",
            "Login with TikTok worked first try.",
        ),
    },
)

COUNTLY = Family(
    key="app-benign-countly",
    label="benign",
    subtype="public_analytics",
    n=8,
    langs=(("en", 2), ("id", 1), ("tr", 1), ("vi", 1)),
    names=("Countly: Public Stats", "Statwatch for Creators", "Trendmeter Analytics"),
    text={
        "en": Bank(
            intros=(
                "Type any public username to see follower counts, likes and engagement rate over time. No login needed.",
                "{name} tracks public numbers for creators and brands: growth charts, top videos, hashtags.",
            ),
            points=(
                "Follower and like growth charts",
                "Engagement rate per video",
                "Compare up to 5 public accounts",
                "Trending sounds and hashtags",
            ),
            closes=(
                "We only read public numbers. Nobody can tell you who viewed a profile or who saved a video: that data is not public.",
                "No password, no login. If an app promises a list of your profile visitors, it is making it up.",
            ),
        ),
        "id": Bank(
            intros=(
                "Ketik username publik untuk melihat jumlah followers, likes dan engagement. Tanpa login.",
                "{name} melacak angka publik: grafik pertumbuhan dan video teratas.",
            ),
            points=(
                "Grafik pertumbuhan followers",
                "Engagement per video",
                "Hashtag yang sedang tren",
            ),
            closes=(
                "Kami hanya membaca angka publik. Tidak ada yang bisa tahu siapa yang melihat profil: data itu tidak publik.",
                "Tanpa kata sandi. Aplikasi yang menjanjikan daftar pengunjung profil itu mengarang.",
            ),
        ),
        "tr": Bank(
            intros=(
                "Herhangi bir herkese açık kullanıcı adını yaz, takipçi ve beğeni sayılarını gör. Giriş gerekmez.",
                "{name} herkese açık sayıları izler: büyüme grafikleri ve en iyi videolar.",
            ),
            points=("Takipçi büyüme grafiği", "Video başına etkileşim", "Trend etiketler"),
            closes=(
                "Sadece herkese açık sayıları okuruz. Profilini kimin görüntülediğini kimse söyleyemez.",
                "Şifre yok, giriş yok. Ziyaretçi listesi vaat eden uygulamalar uyduruyor.",
            ),
        ),
        "vi": Bank(
            intros=(
                "Nhập tên người dùng công khai để xem số follow, lượt thích và tỷ lệ tương tác. Không cần đăng nhập.",
                "{name} theo dõi số liệu công khai: biểu đồ tăng trưởng và video nổi bật.",
            ),
            points=("Biểu đồ tăng follow", "Tương tác theo video", "Hashtag thịnh hành"),
            closes=(
                "Chúng tôi chỉ đọc số liệu công khai. Không ai biết được ai đã xem hồ sơ của bạn.",
                "Không mật khẩu, không đăng nhập. Ứng dụng hứa danh sách người xem là bịa đặt.",
            ),
        ),
    },
    knobs={
        "stores": ("play", "play", "apple"),
        "pkgs": ("com.countly.publicstats", "io.statwatch.creators", "com.trendmeter.analytics"),
        "perms": (_BASE, _ADS + _BILLING),
        "iap": (None, "$2.99/month", "$1.99 per week"),
        "sites": ("https://countly-stats.com", "https://statwatch.io", ""),
        "emails": ("team@countly-stats.com", "statwatch.app@gmail.com"),
        "reviews": (
            "Accurate numbers, matches the app.",
            "Needs dark mode.",
            "Good for tracking competitors.",
        ),
    },
)

MATCH_FIRST_PARTY = Family(
    key="app-benign-firstpartyviews",
    label="benign",
    subtype="first_party_viewers",
    n=9,
    langs=(("en", 3), ("pt", 1), ("tr", 1), ("fr", 1)),
    names=("Matchwave Dating", "Linkwise: Jobs & Network", "Heartline - Meet Nearby"),
    text={
        "en": Bank(
            intros=(
                "Meet people near you on {name}. See who liked you and who viewed your {name} profile with Gold.",
                "{name} connects professionals. Find out who viewed your profile on {name} and who searched for you.",
            ),
            points=(
                "Who viewed your profile on {name}",
                "See who liked you",
                "Verified photos",
                "Private mode: browse without appearing in others' viewer lists",
            ),
            closes=(
                "Viewer lists show members of {name} only. Gold: {price}. We do not see activity on other apps.",
                "Premium {price}; cancel anytime. Profile views come from our own members, never from other social networks.",
            ),
        ),
        "pt": Bank(
            intros=(
                "Conheça pessoas perto de você no {name}. Veja quem curtiu e quem visitou seu perfil no {name} com o Gold.",
                "O {name} conecta profissionais. Saiba quem viu seu perfil no {name}.",
            ),
            points=("Quem viu seu perfil no {name}", "Veja quem curtiu você", "Modo privado"),
            closes=(
                "As listas mostram apenas membros do {name}. Gold: {price}.",
                "Premium {price}; cancele quando quiser. As visitas vêm só dos nossos membros.",
            ),
        ),
        "tr": Bank(
            intros=(
                "{name} ile yakınındaki insanlarla tanış. Gold ile seni kimin beğendiğini ve profiline kimin baktığını gör.",
                "{name} profesyonelleri buluşturur. {name} profilini kimin görüntülediğini öğren.",
            ),
            points=("{name} profilini kim görüntüledi", "Seni kim beğendi", "Gizli mod"),
            closes=(
                "Listeler yalnızca {name} üyelerini gösterir. Gold: {price}.",
                "Premium {price}; istediğin zaman iptal et. Başka uygulamalardaki etkinliği görmeyiz.",
            ),
        ),
        "fr": Bank(
            intros=(
                "Rencontre des gens près de chez toi sur {name}. Vois qui t'a liké et qui a visité ton profil {name}.",
                "{name} relie les professionnels. Découvre qui a consulté ton profil sur {name}.",
            ),
            points=("Qui a consulté ton profil sur {name}", "Qui t'a liké", "Mode privé"),
            closes=(
                "Les listes ne montrent que les membres de {name}. Gold : {price}.",
                "Premium {price} ; résiliable à tout moment. Aucune donnée d'autres réseaux.",
            ),
        ),
    },
    knobs={
        "stores": ("play", "apple"),
        "pkgs": ("com.matchwave.dating", "com.linkwise.network", "app.heartline.nearby"),
        "perms": (
            _BASE
            + _BILLING
            + ("android.permission.ACCESS_FINE_LOCATION", "android.permission.CAMERA"),
            (*_ADS, "android.permission.READ_MEDIA_IMAGES"),
        ),
        "iap": ("$9.99/week", "$29.99/month", "$14.99 per week", "$4.99 - $89.99 per item"),
        "sites": ("https://matchwave.com", "https://linkwise.work", "https://heartline.app"),
        "emails": ("care@matchwave.com", "support@linkwise.work"),
        "installs": ("10,000,000+", "1,000,000+", "5,000,000+", "50,000,000+"),
        "reviews": (
            "Gold is pricey but the views list is handy.",
            "Met my partner here.",
            "Too many fake profiles.",
        ),
    },
)

FOLLOWER_LOG = Family(
    key="app-benign-followerlog",
    label="benign",
    subtype="honest_follower_tracker",
    n=8,
    langs=(("en", 2), ("es", 1), ("de", 1)),
    names=("FollowerLog: Your Growth", "Follower Count Tracker", "Growth Diary for Creators"),
    text={
        "en": Bank(
            intros=(
                "{name} keeps a daily log of your own follower, like and video counts after you connect with Login with TikTok.",
                "Watch your own numbers grow. {name} saves a snapshot of your follower count every day and draws the trend.",
            ),
            points=(
                "Daily follower count history",
                "Best and worst days",
                "Compare two 'Download your data' exports to see who followed or unfollowed between them",
                "Reminders to post",
            ),
            closes=(
                "This app cannot show who viewed your profile or who saved your videos. TikTok does not share that with any app; apps that say otherwise make it up.",
                "Read-only scopes (user.info.stats, video.list). We never see your password. Free; optional Pro {price}.",
            ),
        ),
        "es": Bank(
            intros=(
                "{name} guarda cada día tus propios seguidores, likes y videos tras conectar con Login with TikTok.",
                "Mira crecer tus propios números con un registro diario.",
            ),
            points=(
                "Historial diario de seguidores",
                "Mejores y peores días",
                "Recordatorios para publicar",
            ),
            closes=(
                "Esta app no puede mostrar quién vio tu perfil ni quién guardó tus videos. TikTok no comparte ese dato.",
                "Solo permisos de lectura. Nunca vemos tu contraseña. Pro opcional {price}.",
            ),
        ),
        "de": Bank(
            intros=(
                "{name} protokolliert täglich deine eigenen Follower-, Like- und Videozahlen über Login with TikTok.",
                "Sieh deine eigenen Zahlen wachsen: jeden Tag ein Schnappschuss deiner Follower.",
            ),
            points=(
                "Tägliche Follower-Historie",
                "Beste und schwächste Tage",
                "Erinnerungen zum Posten",
            ),
            closes=(
                "Diese App kann nicht zeigen, wer dein Profil angesehen hat. TikTok gibt das an keine App weiter.",
                "Nur Lesezugriff. Wir sehen nie dein Passwort. Optional Pro {price}.",
            ),
        ),
    },
    knobs={
        "stores": ("play", "apple"),
        "pkgs": ("com.followerlog.growth", "io.countertrack.followers", "app.growthdiary"),
        "perms": (_BASE, _BILLING + _ADS),
        "iap": (None, "$1.99/month", "$0.99 per week"),
        "sites": ("https://followerlog.app", "", "https://growthdiary.io"),
        "emails": ("followerlog@proton.me", "hi@growthdiary.io"),
        "reviews": (
            "Honest app, does what it says.",
            "Wanted to see my viewers, but at least it's upfront.",
            "Graphs are nice.",
        ),
    },
)

CAPTION_KIT = Family(
    key="app-benign-captionkit",
    label="benign",
    subtype="ordinary_app",
    n=8,
    langs=(("en", 2), ("vi", 1), ("id", 1)),
    names=("CaptionKit: Hashtags & Bio", "PromptBoard Teleprompter", "Thumbnail Studio"),
    text={
        "en": Bank(
            intros=(
                "{name} helps you write captions, bios and hashtags for short videos. Copy and paste into any app.",
                "Read your script while you record: {name} floats a scrolling teleprompter over the camera app.",
            ),
            points=(
                "Hashtag ideas by topic",
                "Bio templates",
                "Floating teleprompter bubble (needs 'display over other apps')",
                "Cover and thumbnail maker",
            ),
            closes=(
                "The overlay permission is only used for the teleprompter window. No account needed; nothing leaves your phone.",
                "Free with ads; remove ads for {price}. We don't connect to your social accounts.",
            ),
        ),
        "vi": Bank(
            intros=(
                "{name} giúp bạn viết chú thích, tiểu sử và hashtag cho video ngắn.",
                "Đọc kịch bản khi quay: {name} hiển thị máy nhắc chữ nổi trên ứng dụng camera.",
            ),
            points=("Gợi ý hashtag theo chủ đề", "Mẫu tiểu sử", "Máy nhắc chữ nổi"),
            closes=(
                "Quyền hiển thị trên ứng dụng khác chỉ dùng cho cửa sổ nhắc chữ. Không cần tài khoản.",
                "Miễn phí có quảng cáo; bỏ quảng cáo {price}.",
            ),
        ),
        "id": Bank(
            intros=(
                "{name} membantu menulis caption, bio dan hashtag untuk video pendek.",
                "Baca naskah saat merekam: {name} menampilkan teleprompter mengambang.",
            ),
            points=("Ide hashtag per topik", "Template bio", "Teleprompter mengambang"),
            closes=(
                "Izin tampil di atas aplikasi lain hanya untuk jendela teleprompter. Tanpa akun.",
                "Gratis dengan iklan; hapus iklan {price}.",
            ),
        ),
    },
    knobs={
        "stores": ("play", "play", "apple"),
        "pkgs": ("com.captionkit.tags", "com.promptboard.tele", "app.thumbstudio"),
        "perms": (
            (*_BASE, "android.permission.SYSTEM_ALERT_WINDOW"),
            _MEDIA[:2] + _BILLING + _ADS,
        ),
        "iap": ("$2.99", "$1.99/week", None),
        "sites": ("https://captionkit.app", "", "https://promptboard.tools"),
        "emails": ("captionkit.help@gmail.com", "hello@promptboard.tools"),
        "reviews": (
            "Teleprompter bubble is a lifesaver.",
            "Hashtags are a bit generic.",
            "Ads are annoying.",
        ),
    },
)

FAMILIES = (
    TIKTOK_OFFICIAL,
    CLIP_FORGE,
    POST_QUEUE,
    COUNTLY,
    MATCH_FIRST_PARTY,
    FOLLOWER_LOG,
    CAPTION_KIT,
)
