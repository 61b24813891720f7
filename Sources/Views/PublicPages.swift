/// Client-facing pages (no login): the online appointment request, in several languages, right-to-left where the
/// language is written so. Every text comes from the table below.
public enum PublicPages {
    public struct Language: Sendable {
        public let code: String, name: String, rtl: Bool
        let t: [String: String]
        public func text(_ key: String) -> String { t[key] ?? PublicPages.german.t[key] ?? key }
    }

    public static let german = Language(code: "de", name: "Deutsch", rtl: false, t: [
        "title": "Termin anfragen", "intro": "Sie möchten sich zu Ihrem Aufenthalt beraten lassen? Schreiben Sie uns, wie wir Sie erreichen. Die Beratung ist kostenlos und vertraulich.",
        "name": "Ihr Name", "contact": "Telefon oder E-Mail", "language": "In welcher Sprache möchten Sie beraten werden?", "preferred": "Wann passt es Ihnen? (Tage, Uhrzeiten)",
        "message": "Ihre Nachricht (kurz)", "hint": "Bitte schreiben Sie hier nichts über Gesundheit oder Strafverfahren. Das besprechen wir persönlich.",
        "consent": "Ich bin einverstanden, dass die Beratungsstelle diese Angaben speichert, um mich wegen eines Termins anzurufen oder anzuschreiben. Sie werden nach 90 Tagen gelöscht.",
        "supervisor": "Zuständige Datenschutz-Aufsichtsbehörde", "privacyTitle": "Datenschutzhinweis", "privacy": "Verantwortlich ist {service}. Wir speichern Ihren Namen, Ihre Kontaktangabe, Sprache, Wunschzeiten und Nachricht nur, um mit Ihnen einen Beratungstermin zu vereinbaren (Rechtsgrundlage: Ihre Einwilligung, Art. 6 Abs. 1 lit. a DSGVO). Die Angaben gehen an niemanden sonst – auch nicht an die Ausländerbehörde – und werden nach 90 Tagen gelöscht. Sie können Ihre Einwilligung jederzeit widerrufen und Auskunft, Berichtigung oder Löschung verlangen; sprechen Sie uns dazu an. Sie können sich auch bei einer Datenschutz-Aufsichtsbehörde beschweren.",
        "errExpired": "Das Formular war zu lange geöffnet. Bitte prüfen Sie Ihre Angaben und senden Sie es noch einmal.",
        "send": "Anfrage senden", "thanks": "Vielen Dank! Wir melden uns bei Ihnen.", "errName": "Bitte geben Sie Ihren Namen an.",
        "errContact": "Bitte geben Sie eine Telefonnummer oder E-Mail-Adresse an.", "errConsent": "Bitte bestätigen Sie Ihr Einverständnis.", "errLong": "Eine Angabe ist zu lang (Name und Kontakt höchstens 200, Nachricht höchstens 2.000 Zeichen).",
        "errBusy": "Gerade kommen sehr viele Anfragen an. Bitte versuchen Sie es später noch einmal oder rufen Sie uns an.", "languages": "Sprachen",
    ])

    public static let all: [Language] = [
        german,
        Language(code: "en", name: "English", rtl: false, t: [
            "title": "Request an appointment", "intro": "Would you like advice about your residence status? Tell us how we can reach you. Counseling is free and confidential.",
            "name": "Your name", "contact": "Phone or e-mail", "language": "In which language would you like to be counseled?", "preferred": "When suits you? (days, times)",
            "message": "Your message (short)", "hint": "Please do not write about health or criminal proceedings here. We will discuss this in person.",
            "consent": "I agree that the counseling service stores these details to call or write to me about an appointment. They are deleted after 90 days.",
            "supervisor": "Competent data protection supervisory authority", "privacyTitle": "Privacy notice", "privacy": "{service} is responsible. We store your name, contact details, language, preferred times and message only to arrange a counseling appointment with you (legal basis: your consent, Art. 6(1)(a) GDPR). The details are passed to no one else – not to the immigration authority either – and are deleted after 90 days. You can withdraw your consent at any time and ask for access, correction or deletion; just contact us. You can also complain to a data protection supervisory authority.",
            "errExpired": "The form was open for too long. Please check your details and send it again.",
            "send": "Send request", "thanks": "Thank you! We will get in touch with you.", "errName": "Please enter your name.",
            "errContact": "Please enter a phone number or an e-mail address.", "errConsent": "Please confirm that you agree.", "errLong": "An entry is too long (name and contact at most 200, message at most 2,000 characters).",
            "errBusy": "We are receiving very many requests right now. Please try again later or call us.", "languages": "Languages",
        ]),
        Language(code: "ar", name: "العربية", rtl: true, t: [
            "title": "طلب موعد", "intro": "هل تريد استشارة بخصوص إقامتك؟ أخبرنا كيف يمكننا التواصل معك. الاستشارة مجانية وسرية.",
            "name": "اسمك", "contact": "الهاتف أو البريد الإلكتروني", "language": "بأي لغة تريد أن تتم الاستشارة؟", "preferred": "ما الوقت المناسب لك؟ (الأيام والساعات)",
            "message": "رسالتك (باختصار)", "hint": "من فضلك لا تكتب هنا أي شيء عن الصحة أو الإجراءات الجنائية. سنتحدث عن ذلك شخصيًا.",
            "consent": "أوافق على أن يحفظ مركز الاستشارة هذه البيانات للاتصال بي أو مراسلتي بخصوص موعد. تُحذف بعد 90 يومًا.",
            "supervisor": "هيئة الرقابة على حماية البيانات المختصة", "privacyTitle": "إشعار حماية البيانات", "privacy": "الجهة المسؤولة هي {service}. نحفظ اسمك ووسيلة التواصل واللغة والأوقات المفضلة ورسالتك فقط لتحديد موعد استشارة معك (الأساس القانوني: موافقتك، المادة 6 الفقرة 1 (أ) من اللائحة العامة لحماية البيانات). لا نعطي هذه البيانات لأي جهة أخرى – ولا لدائرة الأجانب – وتُحذف بعد 90 يومًا. يمكنك سحب موافقتك في أي وقت وطلب الاطلاع على بياناتك أو تصحيحها أو حذفها؛ تواصل معنا لذلك. ويمكنك أيضًا تقديم شكوى إلى هيئة رقابة على حماية البيانات.",
            "errExpired": "كان النموذج مفتوحًا لفترة طويلة. من فضلك راجع بياناتك وأرسله مرة أخرى.",
            "send": "إرسال الطلب", "thanks": "شكرًا لك! سنتواصل معك.", "errName": "من فضلك أدخل اسمك.",
            "errContact": "من فضلك أدخل رقم هاتف أو بريدًا إلكترونيًا.", "errConsent": "من فضلك أكّد موافقتك.", "errLong": "إحدى الإجابات طويلة جدًا (الاسم ووسيلة التواصل 200 حرف كحد أقصى، والرسالة 2000 حرف).",
            "errBusy": "تصلنا الآن طلبات كثيرة جدًا. من فضلك حاول لاحقًا أو اتصل بنا.", "languages": "اللغات",
        ]),
        Language(code: "fa", name: "فارسی / دری", rtl: true, t: [
            "title": "درخواست وقت ملاقات", "intro": "آیا دربارهٔ اقامت خود مشاوره می‌خواهید؟ به ما بگویید چگونه با شما تماس بگیریم. مشاوره رایگان و محرمانه است.",
            "name": "نام شما", "contact": "تلفن یا ایمیل", "language": "به چه زبانی می‌خواهید مشاوره بگیرید؟", "preferred": "چه زمانی برای شما مناسب است؟ (روزها، ساعت‌ها)",
            "message": "پیام شما (کوتاه)", "hint": "لطفاً اینجا چیزی دربارهٔ سلامتی یا پرونده‌های کیفری ننویسید. این موارد را حضوری صحبت می‌کنیم.",
            "consent": "موافقم که مرکز مشاوره این اطلاعات را برای تماس یا نامه‌نگاری دربارهٔ وقت ملاقات ذخیره کند. این اطلاعات پس از ۹۰ روز حذف می‌شوند.",
            "supervisor": "مرجع نظارت بر حفاظت از داده‌ها", "privacyTitle": "اطلاعیهٔ حفاظت از داده‌ها", "privacy": "مسئول پردازش {service} است. نام، راه تماس، زبان، زمان‌های دلخواه و پیام شما را فقط برای تعیین وقت مشاوره ذخیره می‌کنیم (مبنای قانونی: رضایت شما، مادهٔ ۶ بند ۱ (الف) مقررات عمومی حفاظت از داده‌ها). این اطلاعات به هیچ جای دیگری داده نمی‌شود – حتی به ادارهٔ اتباع خارجی – و پس از ۹۰ روز حذف می‌شود. می‌توانید هر زمان رضایت خود را پس بگیرید و درخواست دسترسی، اصلاح یا حذف اطلاعات کنید؛ کافی است با ما تماس بگیرید. همچنین می‌توانید به یک مرجع نظارت بر حفاظت از داده‌ها شکایت کنید.",
            "errExpired": "فرم مدت زیادی باز بود. لطفاً اطلاعات خود را بررسی کنید و دوباره بفرستید.",
            "send": "ارسال درخواست", "thanks": "سپاس! با شما تماس می‌گیریم.", "errName": "لطفاً نام خود را وارد کنید.",
            "errContact": "لطفاً شماره تلفن یا ایمیل وارد کنید.", "errConsent": "لطفاً موافقت خود را تأیید کنید.", "errLong": "یکی از پاسخ‌ها بیش از حد طولانی است (نام و راه تماس حداکثر ۲۰۰ و پیام حداکثر ۲۰۰۰ نویسه).",
            "errBusy": "در حال حاضر درخواست‌های بسیار زیادی می‌رسد. لطفاً بعداً دوباره امتحان کنید یا با ما تماس بگیرید.", "languages": "زبان‌ها",
        ]),
        Language(code: "ru", name: "Русский", rtl: false, t: [
            "title": "Записаться на консультацию", "intro": "Вам нужна консультация по вопросам вашего пребывания? Напишите, как с вами связаться. Консультация бесплатная и конфиденциальная.",
            "name": "Ваше имя", "contact": "Телефон или e-mail", "language": "На каком языке вы хотите получить консультацию?", "preferred": "Когда вам удобно? (дни, время)",
            "message": "Ваше сообщение (коротко)", "hint": "Пожалуйста, не пишите здесь о здоровье или уголовных делах. Это мы обсудим лично.",
            "consent": "Я согласен(на), что консультационная служба сохранит эти данные, чтобы позвонить или написать мне по поводу встречи. Они будут удалены через 90 дней.",
            "supervisor": "Компетентный надзорный орган по защите данных", "privacyTitle": "Защита данных", "privacy": "Ответственный — {service}. Мы храним ваше имя, контакт, язык, удобное время и сообщение только для того, чтобы договориться с вами о консультации (правовое основание: ваше согласие, ст. 6 п. 1 (a) GDPR). Эти данные никому не передаются — в том числе ведомству по делам иностранцев — и удаляются через 90 дней. Вы можете в любой момент отозвать согласие и потребовать сведения о данных, их исправления или удаления; просто обратитесь к нам. Вы также можете подать жалобу в надзорный орган по защите данных.",
            "errExpired": "Форма была открыта слишком долго. Пожалуйста, проверьте данные и отправьте её ещё раз.",
            "send": "Отправить запрос", "thanks": "Спасибо! Мы свяжемся с вами.", "errName": "Пожалуйста, укажите ваше имя.",
            "errContact": "Пожалуйста, укажите номер телефона или адрес e-mail.", "errConsent": "Пожалуйста, подтвердите ваше согласие.", "errLong": "Одно из полей слишком длинное (имя и контакт — не более 200, сообщение — не более 2000 символов).",
            "errBusy": "Сейчас поступает очень много запросов. Пожалуйста, попробуйте позже или позвоните нам.", "languages": "Языки",
        ]),
        Language(code: "tr", name: "Türkçe", rtl: false, t: [
            "title": "Randevu talebi", "intro": "Oturumunuz hakkında danışmanlık almak ister misiniz? Size nasıl ulaşabileceğimizi yazın. Danışmanlık ücretsiz ve gizlidir.",
            "name": "Adınız", "contact": "Telefon veya e-posta", "language": "Danışmanlığı hangi dilde almak istersiniz?", "preferred": "Size ne zaman uygun? (günler, saatler)",
            "message": "Mesajınız (kısa)", "hint": "Lütfen buraya sağlık veya ceza davaları hakkında bir şey yazmayın. Bunları yüz yüze konuşuruz.",
            "consent": "Danışmanlık merkezinin bir randevu için beni aramak veya bana yazmak amacıyla bu bilgileri saklamasını kabul ediyorum. Bilgiler 90 gün sonra silinir.",
            "supervisor": "Yetkili veri koruma denetim makamı", "privacyTitle": "Veri koruma bilgisi", "privacy": "Sorumlu: {service}. Adınızı, iletişim bilginizi, dilinizi, uygun zamanlarınızı ve mesajınızı yalnızca sizinle bir danışmanlık randevusu ayarlamak için saklıyoruz (hukuki dayanak: onayınız, GDPR md. 6/1-a). Bu bilgiler başka hiç kimseye – yabancılar dairesine de – verilmez ve 90 gün sonra silinir. Onayınızı istediğiniz zaman geri alabilir, bilgilere erişim, düzeltme veya silme talep edebilirsiniz; bunun için bize başvurun. Bir veri koruma denetim makamına şikâyette de bulunabilirsiniz.",
            "errExpired": "Form çok uzun süre açık kaldı. Lütfen bilgilerinizi kontrol edip yeniden gönderin.",
            "send": "Talebi gönder", "thanks": "Teşekkürler! Sizinle iletişime geçeceğiz.", "errName": "Lütfen adınızı yazın.",
            "errContact": "Lütfen bir telefon numarası veya e-posta adresi yazın.", "errConsent": "Lütfen onayınızı verin.", "errLong": "Bir bilgi çok uzun (ad ve iletişim en fazla 200, mesaj en fazla 2.000 karakter).",
            "errBusy": "Şu anda çok fazla talep geliyor. Lütfen daha sonra tekrar deneyin veya bizi arayın.", "languages": "Diller",
        ]),
    ]

    public static func language(_ code: String?) -> Language { all.first { $0.code == code } ?? german }

    /// The language of a client-facing page: the one chosen (`?lang=`), else the first of the browser's languages
    /// (`Accept-Language`, by preference) that the page has, else German. A link handed out without `?lang=` then
    /// opens in the reader's language.
    public static func language(chosen code: String?, accept header: String?) -> Language {
        // Dari (prs) is written in Persian script like Farsi, the page's nearest language (QA of 05.12.2026).
        let nearest = ["prs": "fa"]
        // The chosen code in any case and with a region ("AR", "fa-AF"), as browsers send it in the header.
        if let chosen = code?.lowercased().split(separator: "-").first.map(String.init), let l = all.first(where: { $0.code == (nearest[chosen] ?? chosen) }) { return l }
        var ranked: [(q: Double, order: Int, code: String)] = []
        for (i, item) in (header ?? "").split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { String($0.filter { $0 != " " && $0 != "\t" }) }
            guard let tag = parts.first, !tag.isEmpty else { continue }
            let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            guard q > 0 else { continue }
            let primary = String(tag.split(separator: "-").first ?? "").lowercased()
            // Only language tags ("ps", "ckb"); "*" and garbage ask for nothing in particular.
            guard (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }) else { continue }
            ranked.append((q, i, primary))
        }
        for r in ranked.sorted(by: { ($0.q, -$0.order) > ($1.q, -$1.order) }) {
            if let l = all.first(where: { $0.code == (nearest[r.code] ?? r.code) }) { return l }
        }
        // A browser asking only for languages not offered (Pashto, Kurdish, Tigrinya …) more likely reads English than
        // German (QA of 05.12.2026); without any wish the page is German.
        return ranked.isEmpty ? german : all.first { $0.code == "en" } ?? german
    }

    public struct Form: Sendable {
        public var name = "", contact = "", language = "", preferred = "", message = "", consent = false
        public var errors: [String] = []
        /// Errors of one field by its name ("name", "contact", "message", "consent"): next to it and linked from the summary.
        public var fieldErrors: [(field: String, message: String)] = []
        public init() {}
    }

    /// The request form (or the thank-you note) for one service.
    /// The data protection authority of a service's Land (Art. 13 Abs. 2 lit. d DSGVO: named, not "an authority";
    /// QA26 C5). The sites are in Saxony; another Land's is added here with its first site.
    static func supervisor(_ land: String) -> String? {
        land == "DE-SN" ? "Die Sächsische Datenschutz- und Transparenzbeauftragte, Devrientstraße 5, 01067 Dresden" : nil
    }

    /// `serviceAddress`: the postal address in one line (Art. 13 Abs. 1 lit. a DSGVO: how to reach the controller).
    public static func request(serviceName: String, serviceAddress: String = "", land: String = "DE-SN", path: String, lang l: Language, csrf: String, form f: Form, sent: Bool) -> HTML {
        let errors = f.errors.map { "<li>\($0)</li>" as HTML } + f.fieldErrors.map { "<li><a href=\"#\($0.field)\">\($0.message)</a></li>" as HTML }
        func message(_ field: String) -> String? { f.fieldErrors.first { $0.field == field }?.message }
        func error(_ field: String) -> HTML { Layout.fieldError(field, message(field)) }
        func described(_ field: String) -> HTML { Layout.describedBy(field, message(field)) }
        let body: HTML = sent ? "<p role=\"status\" id=\"thanks\">\(l.text("thanks"))</p>" : """
        <p>\(l.text("intro"))</p>
        <p><a href="\(path.replacingOccurrences(of: "/anfrage/", with: "/selbstcheck/"))?lang=\(l.code)">\(SelfCheckTexts.text("selfCheckLink", l.code))</a></p>
        \(errors.isEmpty ? HTML.empty : "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus><h2>\(SelfCheckTexts.text("errSummary", l.code))</h2><ul>\(errors)</ul></div>")
        <form method="post" action="\(path)?lang=\(l.code)" id="\(formID)" novalidate>
        <input type="hidden" name="csrf" value="\(csrf)"><input type="hidden" name="form_lang" value="\(l.code)">
        <label for="name">\(l.text("name"))</label><input id="name" name="name" value="\(f.name)" autocomplete="name" maxlength="200" required\(described("name"))>\(error("name"))
        <label for="contact">\(l.text("contact"))</label><input id="contact" name="contact" value="\(f.contact)" dir="ltr" maxlength="200" required\(described("contact"))>\(error("contact"))
        <label for="language">\(l.text("language"))</label><input id="language" name="language" value="\(f.language.isEmpty ? l.name : f.language)" maxlength="60">
        <label for="preferred">\(l.text("preferred"))</label><input id="preferred" name="preferred" value="\(f.preferred)" maxlength="300">
        <label for="message">\(l.text("message"))</label><p class="hint" id="message-hint">\(l.text("hint"))</p>
        <textarea id="message" name="message" rows="4" cols="60" maxlength="2000"\(message("message") == nil ? " aria-describedby=\"message-hint\"" as HTML : " aria-invalid=\"true\" aria-describedby=\"message-hint message-error\"")>\(f.message)</textarea>\(error("message"))
        <details id="privacy"><summary>\(l.text("privacyTitle"))</summary><p>\(withService(l.text("privacy"), serviceName + (serviceAddress.isEmpty ? "" : ", " + serviceAddress)))</p>\(supervisor(land).map { "<p>\(l.text("supervisor")): <bdi lang=\"de\">\($0)</bdi></p>" as HTML } ?? .empty)</details>
        <label class="check"><input type="checkbox" id="consent" name="consent" value="1"\(f.consent ? " checked" : "")\(described("consent"))> \(l.text("consent"))</label>\(error("consent"))
        <p><button type="submit">\(l.text("send"))</button></p>
        </form>
        """
        // The thank-you note in another language is the thank-you note, not an empty form (QA of 06.12.2026).
        return document(serviceName: serviceName, path: path, lang: l, title: l.text("title"), main: "<h1>\(l.text("title"))</h1>\(body)", form: sent ? nil : formID,
                        linkQuery: sent ? "&sent=1" : "")
    }

    /// The id of a client page's form: its language switch sends what was typed along (QA of 05.12.2026: switching the
    /// language emptied the form).
    static let formID = "client-form"

    /// The text with the service's German name in place of "{service}", isolated (`bdi`) so that a left-to-right
    /// name does not reorder the Arabic or Persian sentence around it, and marked as German.
    static func withService(_ text: String, _ name: String) -> HTML { HTML.withGerman(text, ["service": name]) }

    /// "Fehler" in the language of a page (`de` for the staff pages), for the title of a refused page.
    public static func errorWord(_ code: String) -> String { SelfCheckTexts.text("error", code) }

    /// The page for a post beyond the size limit, in the visitor's language (not the staff's German error page).
    public static func tooLarge(lang l: Language, path: String) -> HTML {
        document(serviceName: "Bleibe", path: path, lang: l, title: SelfCheckTexts.text("tooLargeTitle", l.code),
                 main: "<h1>\(SelfCheckTexts.text("tooLargeTitle", l.code))</h1><p role=\"alert\">\(SelfCheckTexts.text("tooLarge", l.code))</p>")
    }

    /// The page for a link that leads nowhere, in the visitor's language.
    public static func notFound(lang l: Language) -> HTML {
        document(serviceName: "Bleibe", path: "", lang: l, title: SelfCheckTexts.text("notFoundTitle", l.code),
                 main: "<h1>\(SelfCheckTexts.text("notFoundTitle", l.code))</h1><p>\(SelfCheckTexts.text("notFound", l.code))</p>")
    }

    /// A client-facing page: in the visitor's language and direction, with links to the same page in every language.
    /// `form`: the id of the page's form; the languages are then buttons that send the form to the page in the other
    /// language (nothing is stored or checked on the way), so that what was typed stays.
    /// `linkQuery`: more of the page's query for the language links ("&sent=1").
    static func document(serviceName: String, path: String, lang l: Language, title: String, main: HTML, form: String? = nil, linkQuery: String = "") -> HTML {
        let switcher = all.map { x -> HTML in
            let current: HTML = x.code == l.code ? " aria-current=\"page\"" : .empty
            guard let form else { return "<li><a href=\"\(path)?lang=\(x.code)\(linkQuery)\" lang=\"\(x.code)\"\(current)>\(x.name)</a></li>" }
            return "<li><button type=\"submit\" class=\"link\" form=\"\(form)\" formaction=\"\(path)?lang=\(x.code)\" formnovalidate name=\"switch_language\" value=\"1\" lang=\"\(x.code)\"\(current)>\(x.name)</button></li>"
        }
        return """
        <!DOCTYPE html>
        <html lang="\(l.code)" dir="\(l.rtl ? "rtl" : "ltr")">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) – \(serviceName)</title><link rel="stylesheet" href="/static/app.css"></head>
        <body>
        <a class="skip" href="#main">\(SelfCheckTexts.text("skip", l.code))</a>
        <header><span class="brand" lang="de" dir="ltr">\(serviceName)</span></header>
        <nav aria-label="\(l.text("languages"))"><ul>\(switcher)</ul></nav>
        <main id="main">\(Layout.quietFieldErrors(main))</main>
        </body></html>
        """
    }
}
