/// Population groups with their own naming customs. The pools are invented for the demo: common given names and
/// family names, deliberately with transliteration variants (Mohammed/Muhammad/Mohamed, Yusuf/Jusuf/Youssef,
/// Ahmad/Ahmed, Hussein/Husain, Khaled/Khalid, Musaev/Mussajew …) so that the tolerant name search can be shown.
/// Family names of famous people were left out, so no combination names a well-known person.
enum NameRegion: Sendable, CaseIterable {
    case afghanPersian, arab, kurdish, turkish, georgian, chechen, azerbaijani, armenian
    case nigerian, guinean, gambian, cameroonian, somali, eritreanEthiopian
    case pakistani, indian, tamil, vietnamese, maghrebi, balkanSlavic, albanian

    /// Whether spouses usually keep their own family names (the children take the father's).
    var spousesKeepNames: Bool {
        switch self {
        case .afghanPersian, .arab, .kurdish, .somali, .eritreanEthiopian, .maghrebi, .vietnamese: return true
        default: return false
        }
    }

    /// Whether children carry the father's given name as their family name (Eritrea, Ethiopia).
    var patronymic: Bool { self == .eritreanEthiopian }

    var pool: NamePool { NamePool.pools[self]! }
}

struct NamePool: Sendable {
    var male: [String]
    var female: [String]
    var family: [String]

    static let pools: [NameRegion: NamePool] = [
        .afghanPersian: NamePool(
            male: ["Ahmad", "Ahmed", "Mohammad", "Mohammed", "Muhammad", "Ali Reza", "Farid", "Hamid", "Jawad", "Nasir",
                   "Omid", "Sohrab", "Karim", "Wahid", "Yusuf", "Jusuf", "Mahmud", "Bahram", "Dawood", "Davud", "Mustafa",
                   "Navid", "Sajad", "Sadjad", "Ehsan", "Milad"],
            female: ["Fatima", "Fatemeh", "Zahra", "Sahra", "Maryam", "Mariam", "Nasrin", "Parwana", "Shabnam", "Soraya",
                     "Laleh", "Homa", "Freshta", "Roya", "Mina", "Setareh", "Marzieh", "Nilofar"],
            family: ["Ahmadzai", "Noori", "Nuri", "Hakimi", "Rahimi", "Sultani", "Wardak", "Karimi", "Haidari", "Heydari",
                     "Sadat", "Amiri", "Azizi", "Rasuli", "Rezaei", "Rezai", "Hosseini", "Husseini", "Moradi", "Jafari",
                     "Dschafari", "Ghorbani", "Kazemi", "Sadeghi", "Tavakoli", "Bagheri", "Nazari", "Mohammadi",
                     "Mohamadi", "Safi", "Popal", "Samadi"]),
        .arab: NamePool(
            male: ["Mohammed", "Muhammad", "Mohamad", "Ahmad", "Ahmed", "Omar", "Umar", "Khaled", "Khalid", "Hassan",
                   "Hasan", "Hussein", "Husain", "Yusuf", "Youssef", "Jusuf", "Ibrahim", "Mahmoud", "Tarek", "Tarik",
                   "Samir", "Bilal", "Rami", "Ziad", "Walid", "Anas", "Amjad", "Firas", "Mazen", "Nidal"],
            female: ["Fatima", "Aisha", "Aischa", "Amal", "Rania", "Nour", "Noor", "Layla", "Leila", "Huda", "Hiba",
                     "Sara", "Salma", "Rasha", "Dalia", "Mariam", "Yasmin", "Jasmin", "Zainab", "Seinab", "Ghada", "Lina"],
            family: ["Al-Hassan", "Haddad", "Khalil", "Chalil", "Hamdan", "Saleh", "Salih", "Mansour", "Mansur", "Nasser",
                     "Jaber", "Dschaber", "Othman", "Osman", "Ismail", "Qasim", "Kassem", "Darwish", "Khoury", "Hamad",
                     "Sabri", "Zeidan", "Suleiman", "Sulaiman", "Barakat", "Awad", "Yassin", "Jassin", "Al-Khatib", "El-Khatib", "Shaker", "Schaker", "Qaddour", "Hijazi"]),
        .kurdish: NamePool(
            male: ["Dilshad", "Rebaz", "Shivan", "Schiwan", "Azad", "Baran", "Rojhat", "Serhat", "Hozan", "Karwan",
                   "Hawar", "Ahmed", "Mohammed", "Jusuf"],
            female: ["Berivan", "Rojin", "Nesrin", "Dilan", "Shirin", "Schirin", "Zozan", "Hevin", "Avin", "Rezan"],
            family: ["Rasul", "Rassoul", "Mirani", "Hawrami", "Sindi", "Bakr", "Omer", "Kurdi", "Hajo", "Hadscho",
                     "Sheikho", "Scheicho", "Ibo", "Mamo", "Khalaf"]),
        .turkish: NamePool(
            male: ["Mehmet", "Mehmed", "Murat", "Emre", "Hakan", "Serkan", "Yusuf", "Ibrahim", "Kemal", "Cem", "Deniz",
                   "Ömer", "Oemer", "Veysel", "Erdal"],
            female: ["Ayşe", "Ayse", "Elif", "Zeynep", "Emine", "Fatma", "Hatice", "Gül", "Sevgi", "Dilek", "Esra"],
            family: ["Yılmaz", "Yilmaz", "Kaya", "Demir", "Şahin", "Sahin", "Çelik", "Celik", "Aydın", "Aydin",
                     "Öztürk", "Arslan", "Doğan", "Dogan", "Kılıç", "Polat", "Korkmaz", "Aksoy", "Güneş", "Tekin"]),
        .georgian: NamePool(
            male: ["Giorgi", "Levan", "Davit", "David", "Irakli", "Nikoloz", "Zurab", "Surab", "Tamaz", "Lasha", "Beka",
                   "Vakhtang", "Wachtang"],
            female: ["Nino", "Tamar", "Tamari", "Ketevan", "Mariam", "Natia", "Salome", "Eka", "Maia", "Tea", "Lela"],
            family: ["Beridze", "Kapanadze", "Gelashvili", "Gelaschwili", "Lomidze", "Tsiklauri", "Dolidze",
                     "Mchedlishvili", "Gogiashvili", "Maisuradze", "Chikovani", "Nozadze", "Japaridze", "Dschaparidse",
                     "Kiknadze", "Tsertsvadze"]),
        .chechen: NamePool(
            male: ["Magomed", "Mohammed", "Ruslan", "Islam", "Adam", "Aslan", "Rustam", "Zelimkhan", "Selimchan",
                   "Ibragim", "Shamil", "Schamil", "Anzor", "Timur", "Arbi"],
            female: ["Zarema", "Sarema", "Kheda", "Cheda", "Khadizhat", "Madina", "Aminat", "Liana", "Petimat", "Milana",
                     "Luiza", "Louisa", "Raisa", "Zulikhan"],
            family: ["Magomedov", "Magomedow", "Israilov", "Saidov", "Saidow", "Musaev", "Mussajew", "Elmurzaev",
                     "Khasanov", "Chassanow", "Ibragimov", "Aliev", "Alijew", "Tsuriev", "Bataev", "Batajew",
                     "Dzhabrailov", "Dschabrailow", "Askhabov", "Visaitov"]),
        .azerbaijani: NamePool(
            male: ["Elvin", "Rashad", "Raschad", "Farid", "Orkhan", "Orchan", "Tural", "Elchin", "Vugar", "Ramil", "Anar"],
            female: ["Aytan", "Gunel", "Günel", "Leyla", "Sevinj", "Nigar", "Aysel", "Konul", "Nurlana"],
            family: ["Mammadov", "Mamedow", "Hasanov", "Gassanow", "Guliyev", "Gulijew", "Huseynov", "Gusejnow",
                     "Abbasov", "Ismayilov", "Ismailow", "Jafarov", "Babayev", "Rzayev"]),
        .armenian: NamePool(
            male: ["Aram", "Hayk", "Gevorg", "Narek", "Davit", "Artur", "Vahe", "Karen", "Ashot", "Levon"],
            female: ["Anahit", "Lilit", "Ani", "Gayane", "Gajane", "Nare", "Mariam", "Armine", "Sona", "Hasmik", "Tatev"],
            family: ["Harutyunyan", "Arutjunjan", "Hakobyan", "Akopjan", "Grigoryan", "Grigorjan", "Vardanyan",
                     "Avetisyan", "Karapetyan", "Manukyan", "Mkrtchyan", "Mkrttschjan", "Ghazaryan", "Kasarjan",
                     "Movsisyan"]),
        .nigerian: NamePool(
            male: ["Chinedu", "Emeka", "Oluwaseun", "Tunde", "Ifeanyi", "Uche", "Chukwuemeka", "Samuel", "Daniel",
                   "Godwin", "Kelechi", "Osagie", "Efosa", "Friday", "Festus"],
            female: ["Chioma", "Ngozi", "Blessing", "Adaeze", "Funmilayo", "Amaka", "Joy", "Precious", "Esther",
                     "Folake", "Osas", "Gift", "Omoye"],
            family: ["Okafor", "Adeyemi", "Eze", "Nwosu", "Obi", "Ogunleye", "Balogun", "Ibekwe", "Onyeka",
                     "Adebayo", "Uchenna", "Osagie", "Omoregie", "Igbinedion", "Ehigiator", "Nwachukwu", "Okoro"]),
        .guinean: NamePool(
            male: ["Mamadou", "Alpha", "Ibrahima", "Ousmane", "Abdoulaye", "Mohamed", "Amadou", "Thierno",
                   "Mamadi", "Alseny"],
            female: ["Mariama", "Fatoumata", "Aissatou", "Aïssatou", "Kadiatou", "Hawa", "Aminata", "Mariame", "Djenabou",
                     "Oumou"],
            family: ["Diallo", "Barry", "Bah", "Balde", "Baldé", "Camara", "Kamara", "Sow", "Sylla", "Keita",
                     "Kourouma", "Soumah", "Bangoura", "Cissé"]),
        .gambian: NamePool(
            male: ["Lamin", "Ebrima", "Modou", "Alieu", "Omar", "Bakary", "Musa", "Momodou", "Sainey", "Saikou"],
            female: ["Isatou", "Fatou", "Awa", "Haddy", "Binta", "Kaddy", "Mariama", "Ndey"],
            family: ["Ceesay", "Touray", "Sanneh", "Darboe", "Njie", "Bojang", "Drammeh", "Manneh", "Sowe", "Colley",
                     "Jatta", "Saidy", "Fofana"]),
        .cameroonian: NamePool(
            male: ["Jean-Paul", "Serge", "Hervé", "Herve", "Boris", "Franck", "Alain", "Christian", "Patrice",
                   "Rodrigue", "Landry", "Junior"],
            female: ["Mireille", "Sandrine", "Brigitte", "Estelle", "Nadège", "Carine", "Ornella", "Laure", "Flore"],
            family: ["Mbarga", "Fotso", "Tchoumi", "Ngono", "Essomba", "Kamga", "Tchinda", "Ndzana", "Atangana",
                     "Tchatchoua", "Nguemo", "Mballa", "Tsafack"]),
        .somali: NamePool(
            male: ["Abdirahman", "Abdullahi", "Mohamed", "Mohammed", "Ahmed", "Abdi", "Yusuf", "Abdiqani", "Liban",
                   "Abdikarim", "Mustafe", "Bashir"],
            female: ["Hodan", "Fadumo", "Fadhumo", "Asha", "Amina", "Hawa", "Ifrah", "Sahra", "Ubah", "Nimco",
                     "Sagal", "Deeqa"],
            family: ["Warsame", "Abdi", "Jama", "Dschama", "Egal", "Dahir", "Nur", "Aden", "Adan", "Ismail", "Abdulle",
                     "Guled", "Elmi"]),
        .eritreanEthiopian: NamePool(
            male: ["Tesfay", "Tesfaye", "Yonas", "Johannes", "Yohannes", "Dawit", "Mehari", "Kidane", "Filmon",
                   "Semere", "Habte", "Berhane", "Getachew", "Solomon", "Dereje", "Biniam", "Mulugeta", "Amanuel"],
            female: ["Selam", "Senait", "Helen", "Meron", "Lidia", "Luwam", "Saba", "Rahwa", "Tsega", "Mebrat",
                     "Tigist", "Almaz", "Hiwot", "Bethlehem", "Meseret", "Genet", "Selamawit"],
            family: ["Tesfamariam", "Ghebremedhin", "Gebremedhin", "Tekle", "Berhe", "Weldemichael", "Woldemichael",
                     "Kahsay", "Abraha", "Mesfin", "Negash", "Tadesse", "Alemu", "Girma", "Wolde", "Tefera",
                     "Demissie", "Kebede", "Assefa", "Lemma", "Haileab"]),
        .pakistani: NamePool(
            male: ["Muhammad", "Mohammad", "Usman", "Osman", "Bilal", "Asif", "Kashif", "Waqas", "Zeeshan", "Adnan",
                   "Faisal", "Tariq", "Tarik", "Hamza", "Shahid"],
            female: ["Ayesha", "Aisha", "Sana", "Saima", "Nadia", "Rabia", "Mehwish", "Samina", "Hina", "Sadia"],
            family: ["Hussain", "Husain", "Butt", "Malik", "Qureshi", "Kureshi", "Chaudhry", "Choudhary", "Raza",
                     "Iqbal", "Anwar", "Shah", "Mirza", "Siddiqui", "Javed", "Dschawed", "Abbasi", "Awan"]),
        .indian: NamePool(
            male: ["Gurpreet", "Harpreet", "Manpreet", "Jaspreet", "Amandeep", "Rajesh", "Sandeep", "Vikram",
                   "Arjun", "Kuldeep", "Sukhwinder"],
            female: ["Simran", "Harleen", "Navneet", "Priya", "Pooja", "Puja", "Kiran", "Manjit", "Rupinder", "Jasleen"],
            family: ["Singh", "Kaur", "Sharma", "Gill", "Sandhu", "Dhillon", "Sidhu", "Grewal", "Kumar", "Brar",
                     "Randhawa", "Bains"]),
        .tamil: NamePool(
            male: ["Suresh", "Sivakumar", "Tharshan", "Kajan", "Ramesh", "Nirosan", "Pirashanth", "Kannan", "Mathan",
                   "Thusyanthan"],
            female: ["Tharshini", "Kavitha", "Nirmala", "Vasanthi", "Thivya", "Divya", "Priyanka", "Sharmila",
                     "Kalaivani", "Mathumitha"],
            family: ["Sivarajah", "Thevarajah", "Kandiah", "Selvarajah", "Nadarajah", "Thurairajah", "Balasingam",
                     "Sriskandarajah", "Yogarajah", "Kanagaratnam", "Arulanandam", "Sinnathurai"]),
        .vietnamese: NamePool(
            male: ["Van Minh", "Van Tuan", "Duc Anh", "Thanh Long", "Quang Huy", "Van Hai", "Hoang Nam", "Minh Duc",
                   "Van Khoa", "Tien Dat"],
            female: ["Thi Lan", "Thi Huong", "Thu Trang", "Thi Linh", "Thi Mai", "Thi Hoa", "Ngoc Anh", "Thi Thu",
                     "Bich Ngoc", "Thi Hanh"],
            family: ["Nguyen", "Nguyễn", "Tran", "Le", "Pham", "Hoang", "Huynh", "Vu", "Vo", "Dang", "Bui", "Do", "Ngo",
                     "Duong", "Trinh"]),
        .maghrebi: NamePool(
            male: ["Mohamed", "Mohammed", "Karim", "Youssef", "Yousef", "Sofiane", "Rachid", "Rashid", "Amine",
                   "Mehdi", "Nabil", "Hamza", "Bilal", "Walid", "Ayoub", "Anouar", "Hicham"],
            female: ["Fatima", "Fatiha", "Khadija", "Chadidscha", "Nadia", "Samira", "Amina", "Houda", "Imane",
                     "Salma", "Meryem", "Sanaa", "Nawal"],
            family: ["Benali", "Bouzid", "Belkacem", "Mansouri", "Amrani", "El Idrissi", "Bennani",
                     "Alaoui", "Tazi", "Boukhari", "Cherif", "Scherif", "Trabelsi", "Ben Salah", "Jebali", "Gharbi",
                     "Hammami", "Ouali", "Saidi", "Zitouni", "El Amrani"]),
        .balkanSlavic: NamePool(
            male: ["Dragan", "Zoran", "Goran", "Dejan", "Saša", "Sascha", "Bajram", "Muhamed", "Ramadan", "Senad",
                   "Elvis", "Nenad", "Besim"],
            female: ["Jasmina", "Snežana", "Snezana", "Vesna", "Ljiljana", "Suzana", "Dragana", "Elvira", "Sabina",
                     "Fatima", "Sanela"],
            family: ["Jovanović", "Jovanovic", "Nikolić", "Nikolic", "Ristić", "Stojanović", "Mustafić", "Ramadani",
                     "Demirović", "Ajdini", "Sulejmani", "Redžepi", "Redzepi", "Memeti", "Jašari", "Jasari", "Bajrami"]),
        .albanian: NamePool(
            male: ["Arben", "Besnik", "Driton", "Fatmir", "Gentian", "Ilir", "Kastriot", "Luan", "Valon", "Dritan",
                   "Ermal", "Blerim", "Arjan"],
            female: ["Arta", "Blerta", "Drita", "Elira", "Fjolla", "Mimoza", "Teuta", "Valbona", "Merita", "Besa",
                     "Albana"],
            family: ["Krasniqi", "Krasniçi", "Gashi", "Shala", "Schala", "Morina", "Kelmendi", "Bytyqi", "Rexhepi",
                     "Redzhepi", "Hasani", "Dervishi", "Leka", "Kola", "Shehu", "Lika", "Dushku", "Mehmeti"]),
    ]
}
