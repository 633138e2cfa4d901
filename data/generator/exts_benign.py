"""Benign browser-extension families: TikTok helpers, own-video savers, themes, ad blockers,
follow-back checkers, password managers and cookie cleaners.

Ad blockers and dark themes are hard negatives on purpose: ``<all_urls>`` with
declarativeNetRequest, or content scripts on every site, are normal for them.
"""

from __future__ import annotations

from data.generator.kit import Bank, Family
from data.generator.manifests import STORE_ONLY

_TT = "https://*.tiktok.com/*"

TT_HELPER = Family(
    key="ext-benign-tthelper",
    label="benign",
    subtype="tiktok_helper",
    n=10,
    langs=(("en", 3), ("es", 1), ("de", 1), ("id", 1)),
    names=(
        "Comment Sorter for TikTok",
        "Focus Mode: Hide For You",
        "Caption Counter",
        "Clip Notes Side Panel",
    ),
    text={
        "en": Bank(
            intros=(
                "{name} adds small quality-of-life tools to tiktok.com: sort comments, hide distractions and keep notes in a side panel.",
                "A lightweight helper for people who use TikTok on desktop. It only runs on tiktok.com.",
            ),
            points=(
                "Sort comments by likes or newest",
                "Hide the For You feed while you work",
                "Character counter for captions",
                "Notes in the side panel, saved locally",
                "Keyboard shortcuts",
            ),
            closes=(
                "Permissions: storage (your settings), activeTab and access to tiktok.com only. It cannot show who viewed your profile; TikTok doesn't share that.",
                "No account, no tracking, no data leaves your browser. Open source.",
            ),
        ),
        "es": Bank(
            intros=(
                "{name} añade pequeñas herramientas a tiktok.com: ordenar comentarios, ocultar distracciones y notas.",
                "Un ayudante ligero para usar TikTok en el ordenador. Solo funciona en tiktok.com.",
            ),
            points=("Ordenar comentarios", "Ocultar el feed Para ti", "Contador de caracteres"),
            closes=(
                "Permisos: almacenamiento, pestaña activa y tiktok.com. No puede mostrar quién vio tu perfil.",
                "Sin cuenta ni rastreo; nada sale de tu navegador.",
            ),
        ),
        "de": Bank(
            intros=(
                "{name} ergänzt tiktok.com um kleine Werkzeuge: Kommentare sortieren, Ablenkungen ausblenden, Notizen.",
                "Ein schlanker Helfer für TikTok am Desktop. Läuft nur auf tiktok.com.",
            ),
            points=("Kommentare sortieren", "Für-dich-Feed ausblenden", "Zeichenzähler"),
            closes=(
                "Berechtigungen: Speicher, aktiver Tab und nur tiktok.com. Wer dein Profil angesehen hat, kann sie nicht zeigen.",
                "Kein Konto, kein Tracking; nichts verlässt deinen Browser.",
            ),
        ),
        "id": Bank(
            intros=(
                "{name} menambahkan alat kecil di tiktok.com: urutkan komentar, sembunyikan gangguan, catatan.",
                "Pembantu ringan untuk TikTok di desktop. Hanya berjalan di tiktok.com.",
            ),
            points=("Urutkan komentar", "Sembunyikan feed FYP", "Penghitung karakter"),
            closes=(
                "Izin: penyimpanan, tab aktif dan tiktok.com saja. Tidak bisa menampilkan siapa yang melihat profilmu.",
                "Tanpa akun, tanpa pelacakan.",
            ),
        ),
    },
    knobs={
        "mv": (3,),
        "perms": (("storage", "activeTab"), ("sidePanel", "scripting", "tabs", "contextMenus")),
        "hosts": ((_TT,), ()),
        "cs": (
            (
                {
                    "matches": [_TT],
                    "js": ["content.js"],
                    "css": ["content.css"],
                    "run_at": "document_idle",
                },
            ),
            (),
        ),
        **STORE_ONLY,
        "code": (
            "chrome.storage.sync.get({sort: 'likes'}, opts => sortComments(document.querySelector('[data-e2e=comment-list]'), opts.sort));",
            "chrome.sidePanel.setPanelBehavior({openPanelOnActionClick: true});",
        ),
    },
)

OWN_DOWNLOADER = Family(
    key="ext-benign-owndownloader",
    label="benign",
    subtype="own_video_downloader",
    n=9,
    langs=(("en", 2), ("pt", 1), ("fr", 1), ("vi", 1)),
    names=("Backup My TikToks", "My Posts Saver", "Creator Archive"),
    text={
        "en": Bank(
            intros=(
                "Keep a copy of your own posts. {name} adds a Save button on videos you are viewing and stores them in your Downloads folder.",
                "Archive your own TikTok videos before you delete or edit them.",
            ),
            points=(
                "Save the video you are watching",
                "Keeps the original caption as a text file",
                "Runs only on tiktok.com",
                "Respect creators: download other people's videos only with permission",
            ),
            closes=(
                "Permissions: downloads and tiktok.com. No login, no cookies, no remote code.",
                "Need your full history? Use TikTok's own 'Download your data' in Settings.",
            ),
        ),
        "pt": Bank(
            intros=(
                "Guarde uma cópia dos seus próprios posts. O {name} adiciona um botão Salvar.",
                "Arquive seus próprios vídeos antes de apagar ou editar.",
            ),
            points=(
                "Salvar o vídeo aberto",
                "Guarda a legenda original",
                "Só funciona no tiktok.com",
            ),
            closes=(
                "Permissões: downloads e tiktok.com. Sem login, sem cookies.",
                "Quer tudo? Use 'Baixar seus dados' nas configurações do TikTok.",
            ),
        ),
        "fr": Bank(
            intros=(
                "Garde une copie de tes propres publications. {name} ajoute un bouton Enregistrer.",
                "Archive tes vidéos avant de les supprimer ou de les modifier.",
            ),
            points=(
                "Enregistrer la vidéo ouverte",
                "Conserve la légende d'origine",
                "Fonctionne seulement sur tiktok.com",
            ),
            closes=(
                "Autorisations : téléchargements et tiktok.com. Pas de connexion, pas de cookies.",
                "Tout ton historique ? Utilise « Télécharger tes données » dans TikTok.",
            ),
        ),
        "vi": Bank(
            intros=(
                "Lưu bản sao bài đăng của chính bạn. {name} thêm nút Lưu.",
                "Lưu trữ video của bạn trước khi xóa hoặc sửa.",
            ),
            points=("Lưu video đang xem", "Giữ chú thích gốc", "Chỉ chạy trên tiktok.com"),
            closes=(
                "Quyền: tải xuống và tiktok.com. Không đăng nhập, không cookie.",
                "Cần toàn bộ? Dùng 'Tải xuống dữ liệu' trong TikTok.",
            ),
        ),
    },
    knobs={
        "mv": (3,),
        "perms": (("downloads", "storage"), ("activeTab", "scripting")),
        "hosts": ((_TT,), ("https://*.tiktokcdn.com/*",)),
        "cs": (({"matches": [_TT], "js": ["save-button.js"]},),),
        **STORE_ONLY,
        "code": (
            "chrome.downloads.download({url: video.currentSrc, filename: `tiktok/${id}.mp4`});",
        ),
    },
)

THEMES = Family(
    key="ext-benign-themes",
    label="benign",
    subtype="theme_accessibility",
    n=8,
    langs=(("en", 2), ("de", 1), ("tr", 1)),
    names=("Night Owl Dark Mode", "Readable: Dyslexia Font & Contrast", "Calm Colors for TikTok"),
    text={
        "en": Bank(
            intros=(
                "{name} makes pages easier on the eyes: dark mode, larger text and high-contrast colours.",
                "Dark theme and reading aids for every site you visit, including TikTok.",
            ),
            points=(
                "Dark mode for any site",
                "Dyslexia-friendly font",
                "High-contrast captions",
                "Per-site on/off switch",
            ),
            closes=(
                "It needs to run on all sites to restyle them; it only injects CSS and reads nothing.",
                "Settings are stored locally. No analytics.",
            ),
        ),
        "de": Bank(
            intros=(
                "{name} schont die Augen: Dunkelmodus, größere Schrift und hoher Kontrast.",
                "Dunkles Design und Lesehilfen für jede Website, auch TikTok.",
            ),
            points=(
                "Dunkelmodus für jede Seite",
                "Legasthenie-freundliche Schrift",
                "Schalter pro Website",
            ),
            closes=(
                "Läuft auf allen Seiten, um sie umzugestalten; fügt nur CSS ein und liest nichts aus.",
                "Einstellungen bleiben lokal. Keine Analyse.",
            ),
        ),
        "tr": Bank(
            intros=(
                "{name} sayfaları göze daha rahat yapar: karanlık mod, büyük yazı ve yüksek kontrast.",
                "TikTok dahil her site için karanlık tema ve okuma yardımcıları.",
            ),
            points=(
                "Her site için karanlık mod",
                "Disleksi dostu yazı tipi",
                "Site bazında aç/kapat",
            ),
            closes=(
                "Siteleri yeniden biçimlendirmek için tüm sitelerde çalışır; yalnızca CSS ekler.",
                "Ayarlar cihazda saklanır. Analitik yok.",
            ),
        ),
    },
    knobs={
        "mv": (3, 3, 2),
        "perms": (("storage",), ("activeTab", "contextMenus")),
        "hosts": ((), (_TT,)),
        "cs": (
            (
                {
                    "matches": ["<all_urls>"],
                    "css": ["dark.css"],
                    "js": ["toggle.js"],
                    "run_at": "document_start",
                },
            ),
            ({"matches": [_TT], "css": ["calm.css"]},),
        ),
        **STORE_ONLY,
        "code": ("document.documentElement.classList.toggle('nightowl', settings.enabled);",),
    },
)

PUBLIC_STATS = Family(
    key="ext-benign-publicstats",
    label="benign",
    subtype="public_analytics",
    n=8,
    langs=(("en", 2), ("es", 1), ("id", 1)),
    names=("Statwatch Overlay", "Engagement Meter for TikTok", "Trend Lens"),
    text={
        "en": Bank(
            intros=(
                "{name} shows engagement rate and growth for the public profile you are looking at on tiktok.com.",
                "Public numbers, at a glance: follower growth, average views and best posting days for any public account.",
            ),
            points=(
                "Engagement rate badge on profiles",
                "30-day public follower trend",
                "Export public stats to CSV",
                "Works without logging in",
            ),
            closes=(
                "Only public counts are used. No extension can tell you who viewed a profile: that data is private to TikTok.",
                "Trend data comes from our public-stats API; we never read your cookies or messages.",
            ),
        ),
        "es": Bank(
            intros=(
                "{name} muestra la tasa de interacción y el crecimiento del perfil público que estás viendo.",
                "Números públicos de un vistazo: crecimiento y vistas medias.",
            ),
            points=("Insignia de interacción", "Tendencia pública de 30 días", "Exportar a CSV"),
            closes=(
                "Solo usamos cifras públicas. Ninguna extensión puede decir quién vio un perfil.",
                "Nunca leemos tus cookies ni mensajes.",
            ),
        ),
        "id": Bank(
            intros=(
                "{name} menampilkan engagement rate dan pertumbuhan profil publik yang sedang kamu lihat.",
                "Angka publik sekilas: pertumbuhan followers dan rata-rata views.",
            ),
            points=("Lencana engagement", "Tren followers 30 hari", "Ekspor ke CSV"),
            closes=(
                "Hanya angka publik. Tidak ada ekstensi yang bisa tahu siapa yang melihat profil.",
                "Kami tidak membaca cookie atau pesanmu.",
            ),
        ),
    },
    knobs={
        "mv": (3,),
        "perms": (("storage", "activeTab"), ("sidePanel", "scripting")),
        "hosts": ((_TT,), ("https://api.statwatch.io/*",)),
        "cs": (({"matches": [_TT], "js": ["overlay.js"]},),),
        **STORE_ONLY,
        "code": (
            "const res = await fetch(`https://api.statwatch.io/v2/public/${handle}`); badge(await res.json());",
        ),
    },
)

AD_BLOCK = Family(
    key="ext-benign-adblock",
    label="benign",
    subtype="ad_blocker",
    n=9,
    langs=(("en", 2), ("fr", 1), ("de", 1), ("pt", 1), ("tr", 1)),
    names=("Quiet Web Ad Blocker", "ShieldPane: Block Ads & Trackers", "Clean Feed Blocker"),
    text={
        "en": Bank(
            intros=(
                "{name} blocks ads, trackers and malware domains on every site, using Chrome's declarativeNetRequest rules.",
                "Fast, open-source content blocking with curated filter lists.",
            ),
            points=(
                "Blocks ads and trackers everywhere",
                "Element picker to hide annoyances",
                "Per-site allow list",
                "Filter lists updated with the extension",
            ),
            closes=(
                "Why 'read and change all your data on all websites'? Blocking requests and hiding elements needs access to every page. We collect nothing.",
                "Rules run inside the browser; no browsing data is sent to us.",
            ),
        ),
        "fr": Bank(
            intros=(
                "{name} bloque publicités, traqueurs et domaines malveillants sur tous les sites.",
                "Blocage rapide et open source avec des listes de filtres.",
            ),
            points=("Bloque pubs et traqueurs", "Sélecteur d'éléments", "Liste blanche par site"),
            closes=(
                "Pourquoi l'accès à tous les sites ? Bloquer les requêtes l'exige. Nous ne collectons rien.",
                "Les règles tournent dans le navigateur ; rien ne nous est envoyé.",
            ),
        ),
        "de": Bank(
            intros=(
                "{name} blockiert Werbung, Tracker und Schadsoftware-Domains auf jeder Website.",
                "Schnelles, quelloffenes Blockieren mit Filterlisten.",
            ),
            points=("Blockiert Werbung und Tracker", "Element-Auswahl", "Erlaubnisliste pro Seite"),
            closes=(
                "Warum Zugriff auf alle Websites? Anfragen zu blockieren erfordert ihn. Wir sammeln nichts.",
                "Die Regeln laufen im Browser; nichts wird an uns gesendet.",
            ),
        ),
        "pt": Bank(
            intros=(
                "{name} bloqueia anúncios, rastreadores e domínios maliciosos em todos os sites.",
                "Bloqueio rápido e de código aberto com listas de filtros.",
            ),
            points=(
                "Bloqueia anúncios e rastreadores",
                "Seletor de elementos",
                "Lista de permissões",
            ),
            closes=(
                "Por que acesso a todos os sites? Bloquear requisições exige isso. Não coletamos nada.",
                "As regras rodam no navegador; nada é enviado para nós.",
            ),
        ),
        "tr": Bank(
            intros=(
                "{name} her sitede reklamları, izleyicileri ve zararlı alan adlarını engeller.",
                "Filtre listeleriyle hızlı, açık kaynak engelleme.",
            ),
            points=("Reklam ve izleyici engelleme", "Öğe seçici", "Site bazında izin listesi"),
            closes=(
                "Neden tüm sitelere erişim? İstekleri engellemek bunu gerektirir. Hiçbir veri toplamayız.",
                "Kurallar tarayıcıda çalışır; bize hiçbir şey gönderilmez.",
            ),
        ),
    },
    knobs={
        "mv": (3,),
        "perms": (
            ("declarativeNetRequest", "storage", "tabs", "scripting"),
            ("declarativeNetRequestFeedback", "webNavigation", "contextMenus", "alarms"),
        ),
        "hosts": (("<all_urls>",), ()),
        "cs": (
            (
                {
                    "matches": ["<all_urls>"],
                    "js": ["cosmetic.js"],
                    "all_frames": True,
                    "run_at": "document_start",
                },
            ),
        ),
        "update": ("store",),
        "ext_conn": (None,),
        "csp": (None,),
        "dnr": "block",
        "code": (
            "chrome.declarativeNetRequest.updateEnabledRulesets({enableRulesetIds: enabledLists});",
        ),
    },
)

SOCIAL_SUITE = Family(
    key="ext-benign-socialsuite",
    label="benign",
    subtype="oauth_tool",
    n=7,
    langs=(("en", 2), ("es", 1), ("vi", 1)),
    names=("PostQueue Companion", "QueueCast Quick Share", "Plannr Clipper"),
    text={
        "en": Bank(
            intros=(
                "Send any idea, link or clip to your {name} calendar. Your TikTok account connects on our website through TikTok's official login.",
                "The browser companion for your content calendar: clip ideas and see your scheduled posts.",
            ),
            points=(
                "Clip ideas from any page with the context menu",
                "See this week's scheduled posts",
                "Connects via Login with TikTok on our site",
                "Revoke access anytime in TikTok's app permissions",
            ),
            closes=(
                "The extension only talks to our own site. We never ask for your TikTok password and cannot show who viewed your videos.",
                "Requires a free account.",
            ),
        ),
        "es": Bank(
            intros=(
                "Envía ideas o enlaces a tu calendario de {name}. Tu cuenta de TikTok se conecta en nuestra web con el login oficial.",
                "El complemento de tu calendario de contenido.",
            ),
            points=(
                "Guarda ideas con el menú contextual",
                "Publicaciones programadas",
                "Login oficial de TikTok",
            ),
            closes=(
                "Nunca pedimos tu contraseña de TikTok ni podemos mostrar quién vio tus videos.",
                "Requiere una cuenta gratuita.",
            ),
        ),
        "vi": Bank(
            intros=(
                "Gửi ý tưởng hoặc liên kết vào lịch {name}. Tài khoản TikTok kết nối trên trang của chúng tôi bằng đăng nhập chính thức.",
                "Tiện ích đi kèm lịch nội dung của bạn.",
            ),
            points=(
                "Lưu ý tưởng từ menu chuột phải",
                "Bài đã lên lịch",
                "Đăng nhập TikTok chính thức",
            ),
            closes=(
                "Chúng tôi không bao giờ hỏi mật khẩu TikTok và không thể cho biết ai đã xem video.",
                "Cần tài khoản miễn phí.",
            ),
        ),
    },
    knobs={
        "mv": (3,),
        "perms": (("storage", "contextMenus", "identity"), ("activeTab", "notifications")),
        "hosts": (("https://app.postqueue.app/*",), ()),
        "cs": ((),),
        "update": ("store",),
        "ext_conn": ({"matches": ["https://app.postqueue.app/*"]}, None),
        "csp": (None,),
        "dnr": None,
        "code": (
            "chrome.identity.launchWebAuthFlow({url: 'https://app.postqueue.app/ext/connect', interactive: true}, saveToken);",
        ),
    },
)

# Writing and tab tools: content scripts on every site (or tabs) for an ordinary, explained job.
WRITING_TOOLS = Family(
    key="ext-benign-writingtools",
    label="benign",
    subtype="ordinary_extension",
    n=8,
    langs=(("en", 2), ("pt", 1), ("fr", 1), ("tr", 1), ("vi", 1)),
    names=("Grammar Helper", "Spellcheck Everywhere", "Tab Organizer", "Quiet Tabs"),
    text={
        "en": Bank(
            intros=(
                "{name} checks spelling and grammar as you type on any website, including TikTok comments and captions.",
                "{name} groups, saves and restores your tabs. It works on every site you open.",
            ),
            points=(
                "Works in every text box",
                "Personal dictionary, stored locally",
                "Save a window of tabs with one click",
                "Dark mode",
                "Keyboard shortcuts",
            ),
            closes=(
                "Why it asks to read all websites: it has to see the text you type to check it. Nothing is sent anywhere.",
                "Permissions: tabs and storage only. No account, no analytics.",
            ),
        ),
        "pt": Bank(
            intros=(
                "{name} corrige ortografia e gramática enquanto você digita em qualquer site, inclusive legendas do TikTok.",
                "{name} agrupa, salva e restaura suas abas em qualquer site.",
            ),
            points=(
                "Funciona em qualquer campo de texto",
                "Dicionário pessoal salvo no aparelho",
                "Salve uma janela de abas",
            ),
            closes=(
                "Por que pede acesso a todos os sites: precisa ler o texto que você digita. Nada é enviado.",
                "Permissões: abas e armazenamento. Sem conta.",
            ),
        ),
        "fr": Bank(
            intros=(
                "{name} corrige l'orthographe et la grammaire pendant que vous tapez, sur tous les sites.",
                "{name} regroupe, enregistre et restaure vos onglets.",
            ),
            points=(
                "Fonctionne dans tous les champs de texte",
                "Dictionnaire personnel local",
                "Enregistrer une fenêtre d'onglets",
            ),
            closes=(
                "Pourquoi l'accès à tous les sites : il doit lire le texte que vous tapez. Rien n'est envoyé.",
                "Autorisations : onglets et stockage. Aucun compte.",
            ),
        ),
        "tr": Bank(
            intros=(
                "{name} her sitede yazarken yazım ve dilbilgisini denetler, TikTok açıklamaları dahil.",
                "{name} sekmelerini gruplar, kaydeder ve geri yükler.",
            ),
            points=(
                "Her metin kutusunda çalışır",
                "Kişisel sözlük cihazda saklanır",
                "Sekme penceresini tek tıkla kaydet",
            ),
            closes=(
                "Neden tüm siteleri okuma izni istiyor: yazdığın metni görmesi gerekiyor. Hiçbir şey gönderilmez.",
                "İzinler: yalnızca sekmeler ve depolama. Hesap yok.",
            ),
        ),
        "vi": Bank(
            intros=(
                "{name} kiểm tra chính tả khi bạn gõ trên mọi trang web, kể cả chú thích TikTok.",
                "{name} nhóm, lưu và khôi phục các tab của bạn.",
            ),
            points=(
                "Hoạt động trong mọi ô nhập",
                "Từ điển riêng lưu trên máy",
                "Lưu cả cửa sổ tab",
            ),
            closes=(
                "Vì sao cần quyền đọc mọi trang: để thấy chữ bạn gõ. Không gửi đi đâu cả.",
                "Quyền: chỉ tab và bộ nhớ. Không cần tài khoản.",
            ),
        ),
    },
    knobs={
        "mv": (3, 3, 2),
        "perms": (("storage",), ("scripting", "tabs", "contextMenus")),
        "hosts": ((), ("<all_urls>",)),
        "cs": (
            ({"matches": ["<all_urls>"], "js": ["check.js"], "all_frames": True},),
            (),
        ),
        **STORE_ONLY,
        "code": (
            "document.addEventListener('input', e => e.target.isContentEditable || e.target.tagName === 'TEXTAREA' ? schedule(check, e.target) : 0);",
            "chrome.tabs.query({currentWindow: true}, tabs => chrome.storage.local.set({saved: tabs.map(t => t.url)}));",
        ),
    },
)

# Follow-back checkers: they compare the user's own follower and following lists in the browser,
# with the session the user is already logged in with. "Who unfollowed you" is computable from
# one's own lists (unlike who viewed or saved), so these are honest tools whose manifests ask for
# cookies on a social network: the wording and the permissions alone are not the lure.
FOLLOW_BACK = Family(
    key="ext-benign-followback",
    label="benign",
    subtype="follower_list_tool",
    n=9,
    langs=(("en", 3), ("es", 1), ("pt", 1), ("id", 1)),
    names=("Follow Back Checker", "Unfollow Tracker Lite", "Mutuals List", "Not Following Back"),
    text={
        "en": Bank(
            intros=(
                "{name} shows who doesn't follow you back and who unfollowed you since your last check, on the account you are logged in to.",
                "See who unfollowed you on Instagram. {name} compares your own followers and following lists right in your browser.",
            ),
            points=(
                "Runs locally on instagram.com with the session you already have",
                "Lists accounts that don't follow you back",
                "Compare with your previous scan to see unfollowers",
            ),
            closes=(
                "No password is asked; the lists stay in your browser.",
                "Open source.",
            ),
        ),
        "es": Bank(
            intros=(
                "{name} muestra quién no te sigue de vuelta y quién dejó de seguirte desde tu última revisión.",
                "Compara tus propias listas de seguidores y seguidos en tu navegador.",
            ),
            points=(
                "Funciona en instagram.com con tu sesión actual",
                "Cuentas que no te siguen de vuelta",
                "Exporta tus listas en CSV",
            ),
            closes=(
                "No pide contraseña y no envía nada a ningún servidor. No puede saber quién vio tu perfil.",
                "Código abierto. Permisos: cookies y acceso a instagram.com.",
            ),
        ),
        "pt": Bank(
            intros=(
                "{name} mostra quem não te segue de volta e quem deixou de te seguir desde a última verificação.",
                "Compara suas próprias listas de seguidores e seguindo no seu navegador.",
            ),
            points=(
                "Roda em instagram.com com a sessão que você já tem",
                "Contas que não te seguem de volta",
                "Exporte suas listas em CSV",
            ),
            closes=(
                "Não pede senha e não envia nada para servidor nenhum. Não mostra quem viu seu perfil.",
                "Código aberto. Permissões: cookies e acesso a instagram.com.",
            ),
        ),
        "id": Bank(
            intros=(
                "{name} menampilkan siapa yang tidak mengikuti balik dan siapa yang berhenti mengikutimu.",
                "Membandingkan daftar pengikut dan mengikuti milikmu sendiri di browser.",
            ),
            points=(
                "Berjalan di instagram.com dengan sesi yang sudah ada",
                "Akun yang tidak mengikuti balik",
                "Ekspor daftar ke CSV",
            ),
            closes=(
                "Tidak meminta kata sandi dan tidak mengirim apa pun ke server. Tidak bisa melihat siapa yang melihat profilmu.",
                "Sumber terbuka. Izin: cookies dan akses ke instagram.com.",
            ),
        ),
    },
    knobs={
        "mv": (3,),
        "perms": (("storage", "cookies"), ("activeTab", "scripting", "tabs", "downloads")),
        "hosts": (("https://www.instagram.com/*",), ("https://*.cdninstagram.com/*",)),
        "cs": (
            ({"matches": ["https://www.instagram.com/*"], "js": ["content.js"]},),
            (),
        ),
        **STORE_ONLY,
        "code": (
            "const following = await listAll('following'); const followers = new Set(await listAll('followers')); render(following.filter(u => !followers.has(u)));",
            "chrome.storage.local.get({last: []}, ({last}) => showUnfollowers(last, currentFollowers));",
        ),
    },
)

# Password managers and cookie/privacy cleaners: the broadest permissions an honest extension
# asks for (every site, cookies, browsing data, native messaging), each for a stated job.
PASSWORD_MANAGER = Family(
    key="ext-benign-passwords",
    label="benign",
    subtype="password_manager",
    n=8,
    langs=(("en", 3), ("de", 1), ("fr", 1), ("es", 1)),
    names=("VaultKey Password Manager", "KeyRing Browser", "PassLocker Autofill"),
    text={
        "en": Bank(
            intros=(
                "{name} fills your saved logins on every website and saves new ones as you sign up.",
                "The browser companion of the {name} desktop app: your vault stays on your computer and the extension talks to it through native messaging.",
            ),
            points=(
                "Autofill usernames, passwords and one-time codes",
                "Generate strong passwords",
                "End-to-end encrypted sync between your devices",
            ),
            closes=(
                "Access to all sites is for finding login forms to fill.",
                "Open source.",
            ),
        ),
        "de": Bank(
            intros=(
                "{name} füllt gespeicherte Anmeldungen auf jeder Website aus und speichert neue.",
                "Die Browser-Erweiterung zur {name}-Desktop-App; der Tresor bleibt auf deinem Rechner.",
            ),
            points=(
                "Automatisches Ausfüllen",
                "Starke Passwörter erzeugen",
                "Verschlüsselte Synchronisierung",
            ),
            closes=(
                "Zugriff auf alle Websites, um Anmeldeformulare zu finden. Das Master-Passwort verlässt nie dein Gerät.",
                "Quelloffen.",
            ),
        ),
        "fr": Bank(
            intros=(
                "{name} remplit vos identifiants enregistrés sur tous les sites et enregistre les nouveaux.",
                "L'extension compagnon de l'application {name} : le coffre reste sur votre ordinateur.",
            ),
            points=(
                "Remplissage automatique",
                "Mots de passe robustes",
                "Synchronisation chiffrée",
            ),
            closes=(
                "Accès à tous les sites pour trouver les formulaires de connexion. Le mot de passe maître ne quitte jamais votre appareil.",
                "Open source.",
            ),
        ),
        "es": Bank(
            intros=(
                "{name} rellena tus inicios de sesión guardados en cualquier web y guarda los nuevos.",
                "La extensión de la app de escritorio {name}: la bóveda se queda en tu ordenador.",
            ),
            points=("Autocompletar", "Contraseñas seguras", "Sincronización cifrada"),
            closes=(
                "Acceso a todos los sitios para encontrar formularios de inicio de sesión. La contraseña maestra nunca sale de tu dispositivo.",
                "Código abierto.",
            ),
        ),
    },
    knobs={
        "mv": (3, 3, 2),
        "perms": (
            ("storage", "tabs", "activeTab", "scripting"),
            (
                "nativeMessaging",
                "contextMenus",
                "clipboardWrite",
                "webRequest",
                "webRequestAuthProvider",
                "alarms",
                "idle",
            ),
        ),
        "hosts": (("<all_urls>",), ()),
        "cs": (
            (
                {
                    "matches": ["<all_urls>"],
                    "js": ["autofill.js"],
                    "all_frames": True,
                    "run_at": "document_idle",
                },
            ),
            (),
        ),
        **STORE_ONLY,
        "code": (
            "chrome.runtime.connectNative('com.vaultkey.native').postMessage({action: 'get-logins', url: tab.url});",
            "document.querySelectorAll('input[type=password]').forEach(field => offerFill(field, matches));",
        ),
    },
)

COOKIE_CLEANER = Family(
    key="ext-benign-cookies",
    label="benign",
    subtype="privacy_tool",
    n=8,
    langs=(("en", 3), ("pt", 1), ("id", 1), ("tr", 1)),
    names=("Crumbs Auto Clean", "Tab Cookie Cleaner", "Forget This Site"),
    text={
        "en": Bank(
            intros=(
                "{name} deletes a site's cookies and local storage when you close its last tab, except for sites you keep on a list.",
                "Clear cookies, cache and history for the current site in one click.",
            ),
            points=(
                "Automatic clean-up when a tab closes",
                "Keep list for sites you stay logged in to",
                "Statistics stay on your device",
            ),
            closes=(
                "Cookie access is only used to delete them.",
                "Open source.",
            ),
        ),
        "pt": Bank(
            intros=(
                "{name} apaga os cookies de um site quando você fecha a última aba dele.",
                "Limpe cookies, cache e histórico do site atual com um clique.",
            ),
            points=("Limpeza automática", "Lista de sites mantidos", "Estatísticas no aparelho"),
            closes=(
                "Precisa das permissões de cookies e dados de navegação para apagar o que os sites guardam. Nada é enviado.",
                "Código aberto.",
            ),
        ),
        "id": Bank(
            intros=(
                "{name} menghapus cookie situs saat tab terakhirnya ditutup.",
                "Bersihkan cookie, cache, dan riwayat situs ini dengan satu klik.",
            ),
            points=("Pembersihan otomatis", "Daftar situs yang disimpan", "Statistik di perangkat"),
            closes=(
                "Butuh izin cookies dan data penjelajahan untuk menghapus data situs. Tidak ada yang dikirim.",
                "Sumber terbuka.",
            ),
        ),
        "tr": Bank(
            intros=(
                "{name} bir sitenin son sekmesi kapanınca çerezlerini siler.",
                "Geçerli sitenin çerezlerini, önbelleğini ve geçmişini tek tıkla temizle.",
            ),
            points=("Otomatik temizlik", "Tutulacak siteler listesi", "İstatistikler cihazda"),
            closes=(
                "Sitelerin sakladıklarını silmek için çerez ve tarama verisi izinleri gerekir. Hiçbir şey gönderilmez.",
                "Açık kaynak.",
            ),
        ),
    },
    knobs={
        "mv": (3, 2),
        "perms": (
            ("cookies", "storage", "tabs"),
            ("browsingData", "contextualIdentities", "notifications", "alarms"),
        ),
        "hosts": (("<all_urls>",), ()),
        "cs": ((),),
        **STORE_ONLY,
        "code": (
            "chrome.tabs.onRemoved.addListener(async () => { for (const c of await chrome.cookies.getAll({domain})) if (!kept(c)) await chrome.cookies.remove(cookieUrl(c)); });",
            "chrome.browsingData.remove({origins: [origin]}, {cookies: true, localStorage: true, cache: true});",
        ),
    },
)

FAMILIES = (
    TT_HELPER,
    OWN_DOWNLOADER,
    THEMES,
    PUBLIC_STATS,
    AD_BLOCK,
    SOCIAL_SUITE,
    WRITING_TOOLS,
    FOLLOW_BACK,
    PASSWORD_MANAGER,
    COOKIE_CLEANER,
)
