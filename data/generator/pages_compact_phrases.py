"""Phrase tables per language. Written for this project; facts from ../shared/SIGNALS.md.

Each entry maps a language code to a list of variants; ``{n}`` and ``{user}`` are filled in.
"""

from __future__ import annotations

LANGS = ("en", "es", "pt", "id", "vi", "tr", "de", "fr")

P: dict[str, dict[str, list[str]]] = {
    "scam_title": {
        "en": [
            "See Who Viewed Your TikTok Profile",
            "TikTok Profile Viewer - Who Stalks You?",
            "Who Saved Your TikTok? Find Out Now",
            "TikTok Viewers Checker {year}",
        ],
        "es": [
            "Descubre quién vio tu perfil de TikTok",
            "¿Quién guardó tus videos? Míralo ahora",
            "Visitantes de tu perfil TikTok",
        ],
        "pt": [
            "Descubra quem visitou seu perfil do TikTok",
            "Veja quem viu seu TikTok agora",
            "Quem salvou seus vídeos? Confira",
        ],
        "id": [
            "Lihat siapa yang melihat profil TikTok kamu",
            "Cek siapa yang menyimpan video TikTok kamu",
            "Pengunjung profil TikTok",
        ],
        "vi": ["Xem ai đã xem hồ sơ TikTok của bạn", "Ai đã lưu video TikTok của bạn? Xem ngay"],
        "tr": ["TikTok profiline kimler baktı öğren", "TikTok profil ziyaretçi listesi"],
        "de": [
            "Finde heraus, wer dein TikTok Profil angesehen hat",
            "TikTok Profilbesucher jetzt sehen",
        ],
        "fr": [
            "Découvre qui a vu ton profil TikTok",
            "Qui a visité ton profil TikTok ? Voir maintenant",
        ],
    },
    "free_title": {
        "en": [
            "Free TikTok Followers Generator {year} No Human Verification",
            "Get {n} Free TikTok Likes Instantly",
            "TikTok Coins Generator (Copy & Paste Link)",
        ],
        "es": ["Seguidores gratis para TikTok {year}", "Consigue {n} likes de TikTok gratis"],
        "pt": ["Seguidores grátis no TikTok {year}", "Ganhe {n} curtidas grátis no TikTok"],
        "id": [
            "Followers TikTok gratis {year} tanpa verifikasi",
            "Dapatkan {n} like TikTok gratis",
        ],
        "vi": ["Tăng follow TikTok miễn phí {year}", "Nhận {n} tim TikTok miễn phí"],
        "tr": ["Ücretsiz TikTok takipçi {year}", "Bedava TikTok beğeni kazan"],
        "de": ["Kostenlose TikTok Follower {year}", "Hol dir {n} kostenlose Likes"],
        "fr": ["Abonnés TikTok gratuits {year}", "Obtenez {n} likes TikTok gratuits"],
    },
    "scam_pitch": {
        "en": [
            "Enter your username and see everyone who viewed your profile in the last 90 days.",
            "Our tool shows who saved, shared and favorited your videos. Try it now!",
            "Find out who is stalking you on TikTok. Results in seconds.",
        ],
        "es": [
            "Ingresa tu usuario y mira quién vio tu perfil en los últimos 90 días.",
            "Nuestra herramienta muestra quién guardó y compartió tus videos. ¡Pruébala ahora!",
        ],
        "pt": [
            "Digite seu usuário e veja quem visitou seu perfil nos últimos 90 dias.",
            "Nossa ferramenta mostra quem salvou e compartilhou seus vídeos. Experimente agora!",
        ],
        "id": [
            "Masukkan username kamu dan lihat siapa yang melihat profil kamu.",
            "Cek siapa yang menyimpan dan membagikan video kamu sekarang!",
        ],
        "vi": [
            "Nhập tên người dùng và xem ai đã xem hồ sơ TikTok của bạn.",
            "Công cụ cho biết ai đã lưu và chia sẻ video của bạn. Xem ngay!",
        ],
        "tr": [
            "Kullanıcı adını gir ve profiline kimler baktı hemen öğren.",
            "Videolarını kimler kaydetti, hemen gör!",
        ],
        "de": [
            "Gib deinen Namen ein und sieh, wer dein Profil angesehen hat.",
            "Finde heraus, wer deine Videos gespeichert hat. Jetzt kostenlos!",
        ],
        "fr": [
            "Entre ton pseudo et découvre qui a vu ton profil.",
            "Découvre qui a enregistré tes vidéos. Gratuit maintenant !",
        ],
    },
    "free_pitch": {
        "en": [
            "Get up to {n} free followers and likes in minutes.",
            "Claim {n} free TikTok coins now, limited time only!",
        ],
        "es": [
            "Consigue hasta {n} seguidores gratis en minutos.",
            "Obtén {n} monedas gratis ahora, solo hoy.",
        ],
        "pt": [
            "Ganhe até {n} seguidores grátis em minutos.",
            "Consiga {n} moedas grátis agora, só hoje!",
        ],
        "id": [
            "Dapatkan {n} followers gratis dalam hitungan menit.",
            "Klaim {n} koin gratis sekarang, waktu terbatas!",
        ],
        "vi": [
            "Nhận {n} follow miễn phí chỉ trong vài phút.",
            "Tăng like miễn phí ngay, thời gian có hạn!",
        ],
        "tr": [
            "Dakikalar içinde {n} ücretsiz takipçi kazan.",
            "Şimdi {n} bedava jeton al, sınırlı süre!",
        ],
        "de": [
            "Hol dir bis zu {n} kostenlose Follower in Minuten.",
            "Jetzt {n} kostenlose Münzen, nur heute!",
        ],
        "fr": [
            "Obtenez jusqu'à {n} abonnés gratuits en quelques minutes.",
            "Réclamez {n} likes gratuits maintenant !",
        ],
    },
    "login_label": {
        "en": ["Log in to TikTok", "Log in to continue"],
        "es": ["Inicia sesión en TikTok"],
        "pt": ["Entre no TikTok", "Faça login para continuar"],
        "id": ["Masuk ke TikTok"],
        "vi": ["Đăng nhập TikTok"],
        "tr": ["TikTok'a giriş yap"],
        "de": ["Bei TikTok anmelden"],
        "fr": ["Se connecter à TikTok"],
    },
    "password": {
        "en": ["Password"],
        "es": ["Contraseña"],
        "pt": ["Senha"],
        "id": ["Kata sandi"],
        "vi": ["Mật khẩu"],
        "tr": ["Şifre"],
        "de": ["Passwort"],
        "fr": ["Mot de passe"],
    },
    "username": {
        "en": ["Username or email"],
        "es": ["Usuario o correo"],
        "pt": ["Usuário ou e-mail"],
        "id": ["Nama pengguna"],
        "vi": ["Tên người dùng"],
        "tr": ["Kullanıcı adı"],
        "de": ["Benutzername"],
        "fr": ["Nom d'utilisateur"],
    },
    "verify_human": {
        "en": [
            "Please verify you are human to unlock your results.",
            "Human verification required. Complete one offer below to continue.",
        ],
        "es": [
            "Verifica que eres humano para desbloquear tus resultados.",
            "Verificación humana: completa una oferta para continuar.",
        ],
        "pt": [
            "Verifique que você é humano para desbloquear o resultado.",
            "Verificação humana: complete uma oferta abaixo.",
        ],
        "id": ["Verifikasi manusia diperlukan. Selesaikan satu penawaran untuk buka kunci."],
        "vi": ["Vui lòng xác minh bạn là con người để mở khóa kết quả."],
        "tr": ["Sonuçların kilidini açmak için insan doğrulama gerekli."],
        "de": [
            "Menschliche Verifizierung erforderlich. Schließe ein Angebot ab, um freizuschalten."
        ],
        "fr": ["Vérification humaine requise pour débloquer le résultat."],
    },
    "progress": {
        "en": [
            "Searching account…",
            "Connecting to server…",
            "Generating followers…",
            "Scanning may take up to 3 minutes",
        ],
        "es": ["Buscando tu cuenta…", "Conectando al servidor…", "Generando seguidores…"],
        "pt": ["Procurando sua conta…", "Conectando ao servidor…", "Analisando perfil…"],
        "id": ["Mencari akun…", "Menghubungkan ke server…"],
        "vi": ["Đang tìm tài khoản…", "Đang kết nối…"],
        "tr": ["Hesap aranıyor…", "Sunucuya bağlanılıyor…"],
        "de": ["Suche Konto…", "Verbindung zum Server…"],
        "fr": ["Connexion au serveur…", "Analyse du profil…"],
    },
    "cookie_steps": {
        "en": [
            "Open tiktok.com on a computer and press F12.",
            "Go to Application › Cookies and copy the value of sessionid.",
            "Paste your sessionid in the box below and press Enter to activate.",
        ],
        "es": [
            "Abre tiktok.com en tu computadora y presiona F12.",
            "Ve a Application › Cookies y copia el valor de sessionid.",
            "Pega tu sessionid abajo para activar.",
        ],
        "pt": [
            "Abra o tiktok.com no computador e aperte F12.",
            "Vá em Application › Cookies e copie o valor de sessionid.",
            "Cole seu sessionid abaixo para ativar.",
        ],
        "id": [
            "Buka tiktok.com di komputer lalu tekan F12.",
            "Salin cookie sessionid dari tab Application.",
            "Tempel sessionid kamu di kolom di bawah.",
        ],
    },
    "console_steps": {
        "en": [
            "Copy the code below.",
            "Paste it into your browser's address bar while on TikTok, type javascript: in front, and press Enter to activate.",
        ],
        "pt": [
            "Copie o código abaixo.",
            "Cole na barra de endereço enquanto estiver no TikTok e aperte Enter para ativar.",
        ],
    },
    "apk": {
        "en": [
            "Download TikTok Pro Viewer APK",
            "Enable unknown sources in settings, then install the APK to see your viewers.",
        ],
        "pt": [
            "Baixe o TikTok Pro APK",
            "Ative fontes desconhecidas e instale o APK para ver quem visitou seu perfil.",
        ],
        "id": [
            "Unduh TikTok Pro APK",
            "Aktifkan sumber tidak dikenal lalu pasang APK untuk melihat pengunjung profil.",
        ],
        "es": [
            "Descarga TikTok Pro APK",
            "Activa fuentes desconocidas e instala el APK para ver quién vio tu perfil.",
        ],
    },
    "spy": {
        "pt": [
            "Cole o link do perfil ou @usuario e veja tudo que ele esconde.",
            "Relatório completo: visitantes ocultos, mensagens apagadas e atividade de madrugada.",
            "Desbloqueie o relatório por R$ {price} via PIX.",
            "Os resultados são uma simulação para fins de entretenimento.",
        ],
        "es": [
            "Pega el enlace del perfil y mira todo lo que oculta.",
            "Informe completo: visitantes ocultos y actividad de madrugada.",
            "Desbloquea el informe por $ {price}.",
            "Los resultados son una simulación con fines de entretenimiento.",
        ],
        "en": [
            "Paste any profile link and see what they hide.",
            "Full report: hidden visitors, late-night activity, blurred messages.",
            "Unlock the full report for $ {price} per week.",
            "Results are estimated based on your follower lists, for entertainment purposes only.",
        ],
    },
    "explainer_q": {
        "en": [
            "Can you see who viewed your TikTok?",
            "Can you see who saved your TikTok video?",
            "Is there a way to see who shared your TikTok?",
            "How to see who viewed your TikTok profile",
        ],
        "es": [
            "¿Se puede saber quién vio tu perfil de TikTok?",
            "¿Puedes ver quién guardó tu video de TikTok?",
        ],
        "pt": [
            "Dá para ver quem visitou seu perfil no TikTok?",
            "É possível saber quem salvou seu vídeo no TikTok?",
        ],
        "id": [
            "Bisakah kamu melihat siapa yang melihat profil TikTok kamu?",
            "Apakah bisa tahu siapa yang menyimpan video TikTok?",
        ],
        "vi": ["Có thể biết ai đã xem hồ sơ TikTok của bạn không?"],
        "tr": ["TikTok profiline kimlerin baktığını görebilir misin?"],
        "de": ["Kann man sehen, wer dein TikTok-Profil angesehen hat?"],
        "fr": ["Peut-on voir qui a visité son profil TikTok ?"],
    },
    "explainer_a": {
        "en": [
            "Only partly. TikTok's Profile view history shows who viewed your profile in the last 30 days, but only if both of you turned it on in Settings and privacy.",
            "You can't see who saved or shared your video: TikTok only shows the counts.",
            "Apps and websites that promise to show your viewers are scams and may steal your password.",
            "The feature is opt-in, and it is not available to accounts with more than 5,000 followers.",
        ],
        "es": [
            "Solo en parte. El historial de visualizaciones del perfil muestra quién vio tu perfil en los últimos 30 días, si ambos usuarios lo activaron en Configuración y privacidad.",
            "No es posible saber quién guardó tus videos: TikTok solo muestra el número.",
            "Las apps que prometen mostrar tus visitantes son estafas.",
        ],
        "pt": [
            "Só em parte. O histórico de visualizações do perfil mostra quem viu seu perfil nos últimos 30 dias, se ambos ativaram em Configurações e privacidade.",
            "Não é possível saber quem salvou seu vídeo: o TikTok mostra só o número.",
            "Sites que prometem mostrar quem viu seu perfil são golpes.",
        ],
        "id": [
            "Hanya sebagian. Riwayat tayangan profil menunjukkan siapa yang melihat profil kamu dalam 30 hari terakhir, jika kedua pengguna mengaktifkannya di Pengaturan dan privasi.",
            "Kamu tidak bisa melihat siapa yang menyimpan video: TikTok hanya menampilkan jumlahnya.",
            "Aplikasi yang menjanjikan daftar pengunjung adalah penipuan.",
        ],
        "vi": [
            "Chỉ một phần. Lịch sử xem hồ sơ cho biết ai đã xem trong 30 ngày, nếu cả hai bật trong Cài đặt và quyền riêng tư.",
            "Bạn không thể biết ai đã lưu video: TikTok chỉ hiển thị số lượng.",
            "Các ứng dụng hứa hẹn cho xem người xem là lừa đảo.",
        ],
        "tr": [
            "Kısmen. Profil görüntüleme geçmişi son 30 gün içinde profiline bakanları gösterir; iki taraf da Ayarlar ve gizlilik bölümünden açmalıdır.",
            "Videonu kimin kaydettiğini göremezsin: TikTok yalnızca sayıyı gösterir.",
            "Bunu vaat eden uygulamalar dolandırıcılık.",
        ],
        "de": [
            "Nur teilweise. Die Profilaufrufe zeigen Besucher der letzten 30 Tage, wenn beide die Funktion in Einstellungen und Datenschutz aktiviert haben.",
            "Wer dein Video gespeichert hat, kannst du nicht sehen: TikTok zeigt nur die Anzahl.",
            "Apps, die das versprechen, sind Betrug.",
        ],
        "fr": [
            "En partie seulement. L'historique des vues du profil montre les visiteurs des 30 derniers jours, si les deux comptes l'ont activé dans Paramètres et confidentialité.",
            "Impossible de savoir qui a enregistré ta vidéo : TikTok montre seulement le nombre.",
            "Les applis qui promettent cela sont une arnaque.",
        ],
    },
    "filler": {
        "en": [
            "Our team publishes guides every week.",
            "Subscribe to our newsletter for more tips.",
            "We use cookies to improve your experience.",
            "Read more articles in the categories below.",
            "Posted by the editorial team.",
        ],
        "es": [
            "Publicamos guías cada semana.",
            "Suscríbete a nuestro boletín.",
            "Usamos cookies para mejorar tu experiencia.",
        ],
        "pt": [
            "Publicamos guias toda semana.",
            "Assine nossa newsletter.",
            "Usamos cookies para melhorar sua experiência.",
        ],
        "id": [
            "Kami menerbitkan panduan setiap minggu.",
            "Berlangganan buletin kami.",
            "Kami menggunakan cookie.",
        ],
        "vi": ["Chúng tôi đăng hướng dẫn mỗi tuần.", "Đăng ký nhận bản tin."],
        "tr": ["Her hafta yeni rehberler yayınlıyoruz.", "Bültenimize abone olun."],
        "de": ["Wir veröffentlichen jede Woche Ratgeber.", "Abonniere unseren Newsletter."],
        "fr": ["Nous publions des guides chaque semaine.", "Abonnez-vous à notre newsletter."],
    },
}


def langs_for(key: str) -> list[str]:
    return list(P[key])
