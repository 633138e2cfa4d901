"""Scam app-store families: fleeceware viewer reports, free-follower droppers, in-app phishing."""

from __future__ import annotations

from data.generator.kit import Bank, Family

_BASE = ("android.permission.INTERNET", "android.permission.ACCESS_NETWORK_STATE")
_BILLING = ("com.android.vending.BILLING",)
_ADS = ("com.google.android.gms.permission.AD_ID", "android.permission.POST_NOTIFICATIONS")
_DROPPER = (
    "android.permission.SYSTEM_ALERT_WINDOW",
    "android.permission.REQUEST_INSTALL_PACKAGES",
    "android.permission.BIND_ACCESSIBILITY_SERVICE",
    "android.permission.QUERY_ALL_PACKAGES",
)

PROFILE_PEEK = Family(
    key="app-scam-profilepeek",
    label="scam",
    subtype="fleeceware_fabricated_report",
    n=11,
    langs=(("en", 3), ("es", 1), ("pt", 1), ("de", 1)),
    names=("Profile Peek: Who Viewed Me", "Who Viewed My Profile - TT", "ProfilePeek Visitors"),
    text={
        "en": Bank(
            intros=(
                "Find out who viewed your TikTok profile today. {name} shows every visitor, stalker and secret admirer in one report.",
                "Ever wondered who checks your profile when you're not posting? {name} reveals your top visitors in seconds.",
                "See who looked at your profile, who watched your videos twice and who saved them.",
            ),
            points=(
                "Full list of profile visitors for the last 30 days",
                "Secret admirers ranked by how often they visit",
                "Who saved and shared your videos",
                "Daily stalker alerts",
                "Works for any account, just enter a username",
                "Ghost followers and unfollowers",
            ),
            closes=(
                "Premium unlocks the full visitor list: {price} after a 3-day free trial. Cancel anytime in your store account.",
                "Free version shows 3 blurred visitors. VIP: {price}, auto-renews unless cancelled 24 hours before the period ends.",
            ),
        ),
        "es": Bank(
            intros=(
                "Descubre quién vio tu perfil de TikTok hoy. {name} te muestra a cada visitante y admirador secreto.",
                "¿Quién mira tu perfil a escondidas? {name} te lo dice en segundos.",
            ),
            points=(
                "Lista completa de visitantes de los últimos 30 días",
                "Admiradores secretos ordenados por visitas",
                "Quién guardó y compartió tus videos",
                "Alertas diarias de acosadores",
            ),
            closes=(
                "Premium desbloquea la lista completa: {price} tras 3 días gratis. Cancela cuando quieras.",
                "La versión gratis muestra 3 visitantes borrosos. VIP: {price}, se renueva automáticamente.",
            ),
        ),
        "pt": Bank(
            intros=(
                "Descubra quem visitou seu perfil do TikTok hoje. O {name} mostra cada visitante e admirador secreto.",
                "Quem anda stalkeando você? O {name} revela em segundos.",
            ),
            points=(
                "Lista completa de visitantes dos últimos 30 dias",
                "Admiradores secretos em ordem de visitas",
                "Quem salvou e compartilhou seus vídeos",
                "Alertas diários de stalkers",
            ),
            closes=(
                "O Premium libera a lista completa: {price} após 3 dias grátis. Cancele quando quiser.",
                "A versão grátis mostra 3 visitantes borrados. VIP: {price}, renovação automática.",
            ),
        ),
        "de": Bank(
            intros=(
                "Finde heraus, wer dein TikTok-Profil heute angesehen hat. {name} zeigt jeden Besucher und heimlichen Verehrer.",
                "Wer schaut heimlich auf dein Profil? {name} verrät es dir in Sekunden.",
            ),
            points=(
                "Komplette Besucherliste der letzten 30 Tage",
                "Heimliche Verehrer nach Besuchen sortiert",
                "Wer deine Videos gespeichert und geteilt hat",
                "Tägliche Stalker-Warnungen",
            ),
            closes=(
                "Premium schaltet die volle Liste frei: {price} nach 3 Tagen gratis. Jederzeit kündbar.",
                "Gratis siehst du 3 verschwommene Besucher. VIP: {price}, verlängert sich automatisch.",
            ),
        ),
    },
    knobs={
        "stores": ("play", "play", "apple"),
        "pkgs": ("com.profilepeek.visitors", "app.peekvisit.tt", "com.whoviewed.peek"),
        "perms": (_BASE + _BILLING, _ADS),
        "iap": ("$6.99/week", "$7.99 per week", "$4.99/week", "€5,99/Woche"),
        "sites": ("https://profilepeek-app.com", "", "https://peekvisit.io"),
        "emails": ("support@profilepeek-app.com", "profilepeek.help@gmail.com", ""),
        "installs": ("100,000+", "1,000,000+", "500,000+", "5,000,000+", "50,000+"),
        "reviews": (
            "Charged me every week and the visitors are just my own followers.",
            "Paid and the list is random people I follow. Refund please.",
            "Worked great, found my ex lol",
            "3 day trial turned into 3 charges before I noticed.",
        ),
    },
)

STALKER_LENS = Family(
    key="app-scam-stalkerlens",
    label="scam",
    subtype="fabricated_estimates",
    n=9,
    langs=(("en", 2), ("tr", 1), ("id", 1)),
    names=("Stalker Lens for TikTok", "Stalker Finder: Profile Tracker", "Secret Admirer Radar"),
    text={
        "en": Bank(
            intros=(
                "{name} tells you who stalks your profile the most, who viewed your last videos and who is secretly interested in you.",
                "Who is watching you? Scan your account and get a ranked list of your top stalkers.",
            ),
            points=(
                "Top 10 profile stalkers",
                "Who viewed your latest post",
                "Mutual interest score",
                "Weekly activity report",
                "Works without a password",
            ),
            closes=(
                "Results are estimated based on your follower lists and interactions and may not reflect actual profile views. Weekly subscription {price}.",
                "Data shown is estimated based on your follower lists. For entertainment purposes. {price} after trial.",
            ),
        ),
        "tr": Bank(
            intros=(
                "{name} profilini en çok kimin gizlice incelediğini ve son videolarını kimin izlediğini gösterir.",
                "Seni kim takip ediyor? Hesabını tara, en çok bakan kişileri gör.",
            ),
            points=(
                "En çok bakan 10 kişi",
                "Son gönderini kim görüntüledi",
                "Haftalık etkinlik raporu",
            ),
            closes=(
                "Sonuçlar takipçi listelerine göre tahmin edilir, eğlence amaçlıdır. Haftalık abonelik {price}.",
                "Gösterilen veriler tahminidir (estimated). Deneme sonrası {price}.",
            ),
        ),
        "id": Bank(
            intros=(
                "{name} menunjukkan siapa yang paling sering stalking profil kamu dan siapa yang melihat video terakhirmu.",
                "Siapa yang diam-diam mengintip akunmu? Pindai dan lihat daftar stalker teratas.",
            ),
            points=(
                "10 stalker teratas",
                "Siapa yang melihat postingan terakhir",
                "Laporan aktivitas mingguan",
            ),
            closes=(
                "Hasil adalah perkiraan berdasarkan daftar pengikut, untuk hiburan. Langganan mingguan {price}.",
                "Data yang ditampilkan merupakan perkiraan. {price} setelah masa uji coba.",
            ),
        ),
    },
    knobs={
        "stores": ("play", "play", "apple"),
        "pkgs": ("com.stalkerlens.app", "io.admirerradar.tt"),
        "perms": (_BASE + _BILLING, (*_ADS, "android.permission.READ_CONTACTS")),
        "iap": ("$3.99/week", "$5.99 per week", "₺89,99/hafta", "Rp59.000/minggu"),
        "sites": ("https://stalkerlens.app", "", ""),
        "emails": ("hello@stalkerlens.app", "radar.apps.dev@gmail.com"),
        "reviews": (
            "Says estimated in tiny letters after you pay.",
            "My top stalker was my mom who doesn't even have TikTok.",
            "Fun but not real.",
        ),
    },
)

FAN_BOOST = Family(
    key="app-scam-fanboost",
    label="scam",
    subtype="free_followers_malware",
    n=11,
    langs=(("en", 2), ("id", 1), ("vi", 1), ("pt", 1)),
    names=("FanBoost - Free Followers", "TikFans Free Likes & Followers", "Followers Booster 2026"),
    text={
        "en": Bank(
            intros=(
                "Get 1,000 free followers and likes every day with {name}. No survey, real fans, instant delivery.",
                "Grow your account for free: collect coins, swap them for followers and hearts.",
            ),
            points=(
                "Unlimited free followers",
                "Auto-liker runs in the background",
                "Floating bubble to boost while you scroll",
                "Enable accessibility so the booster can tap for you",
                "Install the helper plugin when asked",
            ),
            closes=(
                "Log in with your TikTok username and password inside the app to receive followers.",
                "Keep the app running and allow display over other apps for best results.",
            ),
        ),
        "id": Bank(
            intros=(
                "Dapatkan 1.000 followers dan likes gratis setiap hari dengan {name}. Tanpa survei, langsung masuk.",
                "Tambah followers gratis: kumpulkan koin lalu tukar dengan followers.",
            ),
            points=(
                "Followers gratis tanpa batas",
                "Auto-like berjalan di latar belakang",
                "Aktifkan aksesibilitas agar booster bisa bekerja",
            ),
            closes=(
                "Masuk dengan username dan kata sandi TikTok di dalam aplikasi untuk menerima followers.",
                "Izinkan tampil di atas aplikasi lain agar hasil maksimal.",
            ),
        ),
        "vi": Bank(
            intros=(
                "Nhận 1.000 follow và tim miễn phí mỗi ngày với {name}. Không khảo sát, lên ngay.",
                "Tăng follow miễn phí: gom xu rồi đổi lấy follow.",
            ),
            points=(
                "Follow miễn phí không giới hạn",
                "Tự động thả tim chạy nền",
                "Bật trợ năng để công cụ tự bấm",
            ),
            closes=(
                "Đăng nhập bằng tên người dùng và mật khẩu TikTok trong ứng dụng để nhận follow.",
                "Cho phép hiển thị trên ứng dụng khác để đạt hiệu quả tốt nhất.",
            ),
        ),
        "pt": Bank(
            intros=(
                "Ganhe 1.000 seguidores e curtidas grátis por dia com o {name}. Sem pesquisa, entrega na hora.",
                "Cresça de graça: junte moedas e troque por seguidores.",
            ),
            points=(
                "Seguidores grátis ilimitados",
                "Curtidor automático em segundo plano",
                "Ative a acessibilidade para o impulsionador tocar por você",
            ),
            closes=(
                "Entre com seu usuário e senha do TikTok dentro do app para receber seguidores.",
                "Permita sobreposição a outros apps para melhores resultados.",
            ),
        ),
    },
    knobs={
        "stores": ("play",),
        "pkgs": ("com.fanboost.free", "com.tikfans.likes", "app.booster.followers26"),
        "perms": (_BASE + _DROPPER[:2], (*_DROPPER[2:], "android.permission.READ_SMS", *_ADS)),
        "iap": (None, "$0.99 - $19.99 per item"),
        "sites": ("", "https://fanboost-free.site"),
        "emails": ("fanboostteam@gmail.com", ""),
        "installs": ("100,000+", "1,000,000+", "10,000,000+", "500,000+", "50,000+"),
        "reviews": (
            "Asked me to install another app and then my account got logged out.",
            "Got 40 followers then it stopped.",
            "Best app, 5 stars to get coins",
        ),
    },
)

TIK_VAULT = Family(
    key="app-scam-tikvault",
    label="scam",
    subtype="hidden_icon_malware",
    n=8,
    langs=(("en", 2), ("vi", 1), ("tr", 1)),
    names=(
        "TikVault: Video Saver & Who Saved",
        "Saver Pro - who saved my video",
        "Video Keeper Plus",
    ),
    text={
        "en": Bank(
            intros=(
                "Save any video and see who saved and shared your own videos. {name} works in the background.",
                "Download videos in HD and find out who downloaded yours.",
            ),
            points=(
                "One-tap HD download",
                "Who saved your videos",
                "Who shared your posts",
                "Runs quietly in the background",
            ),
            closes=(
                "Grant the requested permissions on first launch so the saver can start automatically.",
                "After setup the saver runs from your notification bar.",
            ),
        ),
        "vi": Bank(
            intros=(
                "Lưu mọi video và xem ai đã lưu, chia sẻ video của bạn. {name} chạy ngầm.",
                "Tải video HD và biết ai đã tải video của bạn.",
            ),
            points=("Tải HD một chạm", "Ai đã lưu video của bạn", "Chạy ngầm"),
            closes=(
                "Cấp các quyền được yêu cầu ở lần mở đầu tiên để ứng dụng tự khởi động.",
                "Sau khi cài đặt, ứng dụng chạy từ thanh thông báo.",
            ),
        ),
        "tr": Bank(
            intros=(
                "Her videoyu kaydet, videolarını kimin kaydettiğini ve paylaştığını gör. {name} arka planda çalışır.",
                "Videoları HD indir, seninkileri kimin indirdiğini öğren.",
            ),
            points=(
                "Tek dokunuşla HD indirme",
                "Videonu kim kaydetti",
                "Arka planda sessiz çalışır",
            ),
            closes=(
                "Uygulamanın otomatik başlaması için ilk açılışta istenen izinleri verin.",
                "Kurulumdan sonra uygulama bildirim çubuğundan çalışır.",
            ),
        ),
    },
    knobs={
        "stores": ("play",),
        "pkgs": ("com.tikvault.saver", "com.keeper.videoplus", "org.saverpro.hd"),
        "perms": (
            (
                *_BASE,
                "android.permission.REQUEST_INSTALL_PACKAGES",
                "android.permission.RECEIVE_BOOT_COMPLETED",
            ),
            (
                "android.permission.QUERY_ALL_PACKAGES",
                "android.permission.SYSTEM_ALERT_WINDOW",
                "android.permission.BIND_DEVICE_ADMIN",
                "android.permission.READ_CONTACTS",
            ),
        ),
        "iap": (None,),
        "sites": ("", "https://tikvault.net"),
        "emails": ("", "tikvault.dev@outlook.com"),
        "reviews": (
            "The icon disappeared after I opened it once and now I get full screen ads.",
            "Can't find the app to uninstall it, ads over everything.",
            "Downloads work fine.",
        ),
    },
)

LIKE_LOGIN = Family(
    key="app-scam-likelogin",
    label="scam",
    subtype="credential_phishing",
    n=8,
    langs=(("en", 2), ("es", 1), ("id", 1), ("fr", 1)),
    names=("Likes & Views Rewards", "TT Coins Rewards", "Views Rewards for Creators"),
    text={
        "en": Bank(
            intros=(
                "Claim free coins, views and the verified badge. Sign in with your TikTok account to link your rewards.",
                "{name} pays creators in coins. Verify your account to unlock the daily bonus and see who viewed your videos.",
            ),
            points=(
                "Daily coin bonus",
                "Verified badge program",
                "Who viewed your videos this week",
                "Withdraw coins as gifts",
            ),
            closes=(
                "Your TikTok password and verification code are needed once to confirm account ownership.",
                "Sign in inside the app; the rewards server checks your login and sends the bonus.",
            ),
        ),
        "es": Bank(
            intros=(
                "Reclama monedas gratis, vistas y la insignia verificada. Inicia sesión con tu cuenta de TikTok.",
                "{name} paga a creadores en monedas. Verifica tu cuenta para desbloquear el bono diario.",
            ),
            points=(
                "Bono diario de monedas",
                "Programa de insignia verificada",
                "Quién vio tus videos",
            ),
            closes=(
                "Necesitamos tu contraseña de TikTok y el código de verificación una vez para confirmar la cuenta.",
                "Inicia sesión dentro de la app; el servidor comprueba tus datos y envía el bono.",
            ),
        ),
        "id": Bank(
            intros=(
                "Klaim koin gratis, views dan centang biru. Masuk dengan akun TikTok kamu.",
                "{name} memberi koin untuk kreator. Verifikasi akun untuk membuka bonus harian.",
            ),
            points=("Bonus koin harian", "Program centang biru", "Siapa yang melihat videomu"),
            closes=(
                "Kata sandi TikTok dan kode verifikasi diperlukan sekali untuk konfirmasi akun.",
                "Masuk di dalam aplikasi; server hadiah memeriksa login lalu mengirim bonus.",
            ),
        ),
        "fr": Bank(
            intros=(
                "Réclame des pièces gratuites, des vues et le badge vérifié. Connecte-toi avec ton compte TikTok.",
                "{name} récompense les créateurs. Vérifie ton compte pour débloquer le bonus du jour.",
            ),
            points=("Bonus de pièces quotidien", "Programme badge vérifié", "Qui a vu tes vidéos"),
            closes=(
                "Ton mot de passe TikTok et le code de vérification sont demandés une fois pour confirmer le compte.",
                "Connecte-toi dans l'app ; le serveur vérifie tes identifiants et envoie le bonus.",
            ),
        ),
    },
    knobs={
        "stores": ("play", "play", "apple"),
        "pkgs": ("com.likesviews.rewards", "com.ttcoins.reward", "app.viewsrewards.creator"),
        "perms": (
            _BASE,
            ("android.permission.GET_ACCOUNTS", "android.permission.READ_PHONE_STATE", *_ADS),
        ),
        "iap": (None,),
        "sites": ("https://likesviews-rewards.com", "", "https://ttcoins.click"),
        "emails": ("support@likesviews-rewards.com", "ttcoinsapp@gmail.com"),
        "reviews": (
            "After I logged in my account posted spam and the email was changed.",
            "Never got the coins.",
            "Easy coins!",
        ),
    },
)

VISITORS_PLUS = Family(
    key="app-scam-visitorsplus",
    label="scam",
    subtype="fleeceware_fabricated_report",
    n=8,
    langs=(("en", 2), ("de", 1), ("fr", 1), ("es", 1)),
    names=("Visitors+ Profile Reports", "Reports+ Followers Tracker", "InsightMe: Profile Viewers"),
    text={
        "en": Bank(
            intros=(
                "{name} is the #1 report app for TikTok. See profile viewers, blocked-you list and who unfollowed you.",
                "Know who's interested in you. Profile viewers, top fans and lost followers in one clean report.",
            ),
            points=(
                "Profile viewers report",
                "Who blocked you",
                "Lost and new followers",
                "Top fans and ghost followers",
                "Beautiful charts",
            ),
            closes=(
                "Payment of {price} is charged to your Apple ID at confirmation. Subscription renews automatically.",
                "Start with a 3-day free trial, then {price}. Manage subscriptions in Settings.",
            ),
        ),
        "de": Bank(
            intros=(
                "{name}: sieh, wer dein Profil besucht, wer dich blockiert und wer dir entfolgt ist.",
                "Wer interessiert sich für dich? Profilbesucher und Top-Fans in einem Bericht.",
            ),
            points=("Bericht über Profilbesucher", "Wer dich blockiert hat", "Verlorene Follower"),
            closes=(
                "{price} werden bei Bestätigung über die Apple-ID abgebucht. Das Abo verlängert sich automatisch.",
                "3 Tage gratis, danach {price}. Verwaltung in den Einstellungen.",
            ),
        ),
        "fr": Bank(
            intros=(
                "{name} : découvre qui visite ton profil, qui t'a bloqué et qui s'est désabonné.",
                "Qui s'intéresse à toi ? Visiteurs du profil et meilleurs fans dans un seul rapport.",
            ),
            points=("Rapport des visiteurs du profil", "Qui t'a bloqué", "Abonnés perdus"),
            closes=(
                "{price} débités sur ton identifiant Apple à la confirmation. Renouvellement automatique.",
                "3 jours d'essai gratuit, puis {price}. Gérer dans Réglages.",
            ),
        ),
        "es": Bank(
            intros=(
                "{name}: mira quién visita tu perfil, quién te bloqueó y quién dejó de seguirte.",
                "¿Quién se interesa por ti? Visitantes del perfil y mejores fans en un informe.",
            ),
            points=("Informe de visitantes del perfil", "Quién te bloqueó", "Seguidores perdidos"),
            closes=(
                "Se cobran {price} a tu ID de Apple al confirmar. La suscripción se renueva sola.",
                "3 días de prueba gratis y luego {price}.",
            ),
        ),
    },
    knobs={
        "stores": ("apple", "apple", "play"),
        "pkgs": ("com.visitorsplus.reports", "io.insightme.viewers"),
        "perms": (_BASE + _BILLING, _ADS),
        "iap": ("$7.99/week", "$9.99 per week", "9,99 € / semaine", "$5.99/week"),
        "sites": ("https://visitorsplus.app", "https://insightme-reports.com"),
        "emails": ("support@visitorsplus.app", "contact@insightme-reports.com"),
        "installs": ("1,000,000+", "100,000+", "10,000+", "5,000,000+"),
        "reviews": (
            "Shows the same 5 people every week, I doubt it's real.",
            "Love the charts!",
            "$40 a month for made-up data, avoid.",
        ),
    },
)

# Follower trackers for another network that sign in with that network's password (not its
# official login) and sell packs of what no app can know: who blocked you, deleted likes, who
# looks at you most. The free part (lost-follower counts) is real; the packs are invented.
NETWORK_TRACKER = Family(
    key="app-scam-networktracker",
    label="scam",
    subtype="fleeceware_fabricated_report",
    n=10,
    langs=(("en", 3), ("pt", 1), ("es", 1), ("tr", 1), ("id", 1)),
    names=("FollowMeter Pro for IG", "Reports+ Follower Analyzer", "InsightTrack: Followers"),
    text={
        "en": Bank(
            intros=(
                "{name} is the follower analyzer for Instagram: log in with your Instagram username and password and get your full report.",
                "Track gained and lost followers and find out who blocked you. Sign in with your Instagram account to start.",
            ),
            points=(
                "Gained and lost followers",
                "Who blocked you (Pro pack)",
                "Deleted likes and comments tracker",
                "Your top admirers and ghost followers",
                "Who looks at your stories the most",
            ),
            closes=(
                "Premium packs renew automatically every week at {price} unless cancelled 24 hours before the end of the period. This app is not affiliated with Instagram.",
                "You need an Instagram account to use this app. Unlock every pack with Premium for {price}.",
            ),
        ),
        "pt": Bank(
            intros=(
                "{name}: entre com seu usuário e senha do Instagram e veja o relatório completo dos seus seguidores.",
                "Veja quem deixou de te seguir e quem te bloqueou. Entre com sua conta do Instagram.",
            ),
            points=(
                "Seguidores ganhos e perdidos",
                "Quem te bloqueou (pacote Pro)",
                "Curtidas apagadas",
                "Seus maiores admiradores",
            ),
            closes=(
                "A assinatura renova toda semana por {price}. Não somos afiliados ao Instagram.",
                "Desbloqueie todos os pacotes com o Premium por {price}.",
            ),
        ),
        "es": Bank(
            intros=(
                "{name}: inicia sesión con tu usuario y contraseña de Instagram y recibe el informe completo.",
                "Mira quién dejó de seguirte y quién te bloqueó. Entra con tu cuenta de Instagram.",
            ),
            points=(
                "Seguidores ganados y perdidos",
                "Quién te bloqueó (pack Pro)",
                "Likes borrados",
                "Tus mayores admiradores",
            ),
            closes=(
                "La suscripción se renueva cada semana por {price}. No estamos afiliados a Instagram.",
                "Desbloquea todos los packs con Premium por {price}.",
            ),
        ),
        "tr": Bank(
            intros=(
                "{name}: Instagram kullanıcı adın ve şifrenle giriş yap, takipçi raporunu al.",
                "Seni kimin takipten çıktığını ve kimin engellediğini gör. Instagram hesabınla giriş yap.",
            ),
            points=(
                "Kazanılan ve kaybedilen takipçiler",
                "Seni engelleyenler (Pro paket)",
                "Silinen beğeniler",
                "Gizli hayranların",
            ),
            closes=(
                "Abonelik her hafta {price} ile yenilenir. Instagram ile bağlantılı değiliz.",
                "Tüm paketler Premium ile {price}.",
            ),
        ),
        "id": Bank(
            intros=(
                "{name}: masuk dengan username dan kata sandi Instagram lalu lihat laporan pengikut lengkap.",
                "Lihat siapa yang berhenti mengikuti dan siapa yang memblokirmu. Masuk dengan akun Instagram.",
            ),
            points=(
                "Pengikut bertambah dan berkurang",
                "Siapa yang memblokirmu (paket Pro)",
                "Like yang dihapus",
                "Pengagum rahasiamu",
            ),
            closes=(
                "Langganan diperpanjang tiap minggu {price}. Tidak berafiliasi dengan Instagram.",
                "Buka semua paket dengan Premium {price}.",
            ),
        ),
    },
    knobs={
        "stores": ("apple", "apple", "play"),
        "pkgs": ("com.followmeter.ig", "app.reportsplus.analyzer", "io.insighttrack.followers"),
        "perms": (_BASE + _BILLING, _ADS),
        "iap": ("$6.99/week", "$4.99 per week", "$9.99/week", "$19.99/month"),
        "sites": ("https://followmeter.app", "", "https://insighttrack.io"),
        "emails": ("help@followmeter.app", "insighttrackapp@gmail.com"),
        "installs": ("1,000,000+", "500,000+", "100,000+"),
        "reviews": (
            "Asked for my password and then my account got a security warning.",
            "The blocked list shows people who never blocked me.",
            "Lost follower count works fine.",
        ),
    },
)

FAMILIES = (
    PROFILE_PEEK,
    STALKER_LENS,
    FAN_BOOST,
    TIK_VAULT,
    LIKE_LOGIN,
    VISITORS_PLUS,
    NETWORK_TRACKER,
)
