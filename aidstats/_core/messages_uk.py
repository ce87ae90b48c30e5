"""Ukrainian texts of the message catalogue (:mod:`aidstats._core.messages`); terms as in ``GLOSSARY_UK.md``.

Sentences put a count after a colon or a dash ("запущено ракет і дронів:
10 041") rather than before a noun, so that no number needs the noun's
plural form to agree with it. Months in running text follow «за» (the
accusative, which for every month is the nominative: «за травень 2026»).
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # ------------------------------------------------------------------ sources and dates
    "source": "Джерело: {sources}",
    "sources": "Джерела: {sources}",
    "source.short.kiel_ust": "Kiel Institute, Ukraine Support Tracker",
    "source.short.ivaniuk_missile_attacks": "звіти Повітряних сил ЗСУ (оцифрування П. Іванюка)",
    "source.short.official_statements": "офіційні заяви (зібрані)",
    "source.short.aidstats": "добірка aidstats",
    "source.file": "(файл {file})",
    "source.release.kiel_ust": "R{release}",
    "date.mid_month": "середини {month}",
    # ------------------------------------------------------------------ strike figures
    "title.strike_volume": "Ракети й дрони, випущені по Україні, за місяць",
    "axis.launched_per_month": "Випущено за місяць (кількість)",
    "axis.glide_bombs_per_month": "КАБ за місяць\n(кількість)",
    "legend.glide_bombs_line": "КАБ (за офіційними заявами; не в стосі)",
    "legend.glide_bombs_full_month": "Заява за повний місяць",
    "legend.glide_bombs_weekly_estimate": "Оцінка за тижневими заявами",
    "legend.glide_bombs_range": "Діапазон",
    "note.glide_bombs_line": "КАБ: за офіційними заявами, а не за звітами Повітряних сил.",
    "note.glide_bombs_panel": (
        "КАБ (нижня панель): за офіційними заявами, а не за звітами Повітряних сил; заява за повний "
        "місяць, де вона є, інакше оцінка за тижневими заявами, що охоплюють щонайменше половину місяця. "
        "Стовпчики — показник, лінії — його діапазон (формулювання заяв, неохоплені дні). Місяці без "
        "достатнього покриття порожні, а не нульові."
    ),
    "title.weapon_mix": "Структура засобів ураження: частки серед запусків місяця",
    "axis.share_of_launches": "Частка запусків (%)",
    "note.withheld": "Нижні межі: Повітряні сили не розкрили дані за {months} (пропущено, а не 0).",
    "note.weapon_mix_blank": "Місяці без зафіксованих запусків залишено порожніми.",
    "title.interception_rate": "Частка знешкоджених засобів ураження, за місяць",
    "axis.share_of_launched": "Частка від випущених (%)",
    "legend.rate_default": "Збито \u00f7 випущено",
    "legend.interval_band": "Затінення: {interval}",
    "interval.level": "{level} довірчий інтервал",
    "interval.plain": "довірчий інтервал",
    "note.rate_ratio_of_sums": "Кожна частка — відношення місячних сум.",
    "note.rate_regime_marks": "Пунктирні лінії позначають зміни у звітності, названі поруч.",
    "note.rate_lines_left_out": "Не показано: {names} (немає місяця, де випущено {min_trials} чи більше).",
    "note.rate_months_left_out": "Не показано місяців, де випущено менше ніж {min_trials}: {months}.",
    "regime.not_reach_goal.recorded": "локаційно втрачені — окремо з {date}",
    "regime.not_reach_goal.zero": "локаційні втрати не звітуються з {date}",
    "regime.is_shahed.split": "дрони-імітатори окремо з {date}",
    "method.wilson": "Вілсона",
    "method.jeffreys": "Джеффріса",
    "method.clopper_pearson": "Клоппера — Пірсона",
    "method.agresti_coull": "Агресті — Коулла",
    "method.poisson": "пуассонівська GLM",
    "method.negbin": "від'ємна біноміальна GLM",
    "method.quasipoisson": "квазіпуассонівська модель",
    "method.ols": "МНК з HAC-похибками",
    "method.theil_sen": "Тейла — Сена",
    "method.pelt": "PELT",
    "method.clustered": "з кластеризацією за залпами",
    "method.clustered_by_day": "з кластеризацією за днями",
    "method.ar1": "логлінійна, AR(1)-похибки",
    "title.salvos": "Масовані атаки: засоби ураження в одному звіті",
    "axis.launched_per_report": "Випущено за один звіт (кількість)",
    "legend.salvo_sizes": "Випущено за звіт",
    "note.salvos": "Одна точка — один звіт; площа точки пропорційна кількості випущених засобів.",
    "title.trend": "Тренд і точки зламу",
    "legend.observed": "Спостереження",
    "legend.fitted_trend": "Тренд (модель)",
    "legend.trend_interval": "Інтервал тренду",
    "legend.change_point": "Точка зламу",
    "axis.value_per_month": "{value} за місяць (кількість)",
    "title.claims": "Офіційні заяви проти підрахунку за звітами",
    "axis.counted_over_claimed": "Пораховано за звітами \u00f7 заявлено (логарифмічна шкала)",
    "legend.consistent": "Підрахунок узгоджується із заявою",
    "legend.not_consistent": "Підрахунок не узгоджується із заявою",
    "legend.count_range": "Діапазон підрахунку (інше датування, усі джерела)",
    "legend.claim_allows": "Що допускає заява (її формулювання)",
    "legend.counted_equals_claimed": "Пораховано = заявлено",
    "label.claim": "{measure}: {said} {n}",
    "label.counted": "пораховано {count}",
    "note.claims_rows": (
        "Один рядок — одна заява, як її зроблено; поруч — підрахунок за звітами і хто зробив заяву. "
        "«Понад» допускає до чверті більше, «майже» — на десяту частину менше, «близько» — на десяту "
        "частину в обидва боки."
    ),
    "note.claims_dropped": "Не показано заяв без додатного заявленого й порахованого показника: {n}.",
    "note.claims_not_checkable": (
        "Не показано заяв, які звіти не дають перевірити або для яких немає підрахунку: {n} — {measures}."
    ),
    "qualifier.over": "понад",
    "qualifier.nearly": "майже",
    "qualifier.about": "близько",
    "qualifier.exact": "",
    "qualifier.up_to": "до",
    # ------------------------------------------------------------------ aid and combined figures
    "freq.month": "місяць",
    "freq.quarter": "квартал",
    "freq.year": "рік",
    "title.aid_by_donor": "Допомога Україні за донорами: перші {n}",
    "title.aid_over_time": "Допомога Україні, виділена за {period}, за видами",
    "title.aid_channels": "Військова допомога за каналами: із запасів чи нові закупівлі",
    "axis.eur_bn_allocations": "млрд євро (виділена допомога, номінально)",
    "axis.eur_bn_per_period": "млрд євро за {period}\n(виділено, номінально)",
    "label.others_donors": "Інші (донорів: {n})",
    "note.aid_allocations": (
        "Значення — виділена допомога (allocations: передана або закріплена) за місяцем виділення, у "
        "номінальних євро; не зобов'язання і не поставки."
    ),
    "note.aid_channels_gap": (
        "Канали в сумі дають {split} млрд євро з {total} млрд євро військової допомоги (розрив — "
        "{gap} млрд євро, як у джерелі)."
    ),
    "title.cumulative_by_donor": "Накопичена допомога за донорами",
    "title.cumulative_by_group": "Накопичена допомога за групами донорів",
    "title.cumulative_category": "{title} ({category})",
    "axis.cumulative_eur_bn": "Накопичено, млрд євро\n(виділено, номінально)",
    "note.groups_overlap": "Групи перетинаються (донор може входити до кількох), тож лінії не додаються.",
    "label.same_as": "(те саме, що {other})",
    "title.weapons_delivered": "Важке озброєння за донорами та категоріями (одиниць)",
    "axis.units": "Одиниць (кількість)",
    "note.weapons_delivered": "Одиниці з таблиці важкого озброєння трекера; порожньо — не зазначено.",
    "title.strikes_and_aid": "Удари по Україні та {aid}, за {period}",
    "axis.launched_per_period": "Випущено за {period}\n(кількість)",
    "axis.aid_per_period": "{aid}, млрд євро\nза {period} (виділено)",
    "phrase.aid_category": "{category} допомога",
    "phrase.aid_all": "допомога",
    "label.no_strike_data": "до {month} даних про удари немає",
    "note.strike_data_begin": (
        "Дані про удари починаються з {month}: у затінених місяцях даних немає, це не нуль ударів."
    ),
    # ------------------------------------------------------------------ key findings (report)
    "finding.part": "{label} — {n}",
    "finding.and_last": ", ",
    "finding.and": "; ",
    "finding.volume_alone": (
        "За {month} звіти Повітряних сил зафіксували запуск ракет і дронів по Україні: {total} (звіти "
        "Командування і регіональних командувань без повторів)."
    ),
    "finding.volume": (
        "За {month} звіти Повітряних сил зафіксували запуск ракет і дронів по Україні: {total} — "
        "{change} {month_ago} ({total_ago}; звіти Командування і регіональних командувань без повторів)."
    ),
    "finding.times_as_many": "у {ratio} раза більше, ніж за",
    "finding.more_than": "на {pct} більше, ніж за",
    "finding.fewer_than": "на {pct} менше, ніж за",
    "finding.about_as_many": "приблизно стільки ж, як за",
    "finding.change_from_none": "проти нуля за",
    "finding.group_alone": "{group} за {month}: {total} ({parts}).",
    "finding.group": "{group} за {month}: {total} ({parts}); за {month_ago}: {total_ago} ({parts_ago}).",
    "finding.split_not_comparable": (
        "Ударні дрони та дрони-імітатори між цими місяцями не порівнюються ({change}); загальні "
        "кількості — порівнюються."
    ),
    "finding.salvo": (
        "Наймасованіша атака за {period}: звіт Повітряних сил, що завершився {date}, — випущено ракет і "
        "дронів: {n} ({parts})."
    ),
    "finding.share_part": "{group} — {share} ({interval}: {low}–{high})",
    "finding.neutralised": (
        "За {month} звіти Командування Повітряних сил зафіксували частку знешкоджених (збиті або, де про "
        "це звітують, локаційно втрачені): {parts}."
    ),
    "finding.share_wide": "Інтервал широкий ({groups}): запусків було мало.",
    "finding.not_comparable": "Порівнювати з показником за {month_ago} не можна ({change}).",
    "finding.against": "Відносно показника за {month}: {moves}.",
    "finding.share_moved": "частка ({group}; тоді {share}) {move}",
    "finding.rose": "зросла на {points} п. п. (95\u202f% довірчий інтервал: від {low} до {high})",
    "finding.fell": "знизилася на {points} п. п. (95\u202f% довірчий інтервал: від {low} до {high})",
    "finding.no_clear_change": (
        "помітно не змінилася (різниця від {low} до {high} п. п., 95\u202f% довірчий інтервал)"
    ),
    "finding.trend_up": (
        "На останньому відрізку тренду ({segment}; місяців: {months}) запуски дронів у звітах "
        "Командування Повітряних сил зростали на {size} на місяць (95\u202f% довірчий інтервал: від "
        "{low} до {high})."
    ),
    "finding.trend_down": (
        "На останньому відрізку тренду ({segment}; місяців: {months}) запуски дронів у звітах "
        "Командування Повітряних сил знижувалися на {size} на місяць (95\u202f% довірчий інтервал: від "
        "{low} до {high})."
    ),
    "finding.trend_unclear": (
        "На останньому відрізку тренду ({segment}; місяців: {months}) запуски дронів у звітах "
        "Командування Повітряних сил не мають чіткого тренду: {pct} на місяць, 95\u202f% довірчий "
        "інтервал — від {low} до {high}."
    ),
    "finding.trend_short": "Відрізок короткий (місяців: {months}): тренд слід читати обережно.",
    "finding.partial_year": "{months} (неповний рік)",
    "finding.share_in": "{year}: {share}",
    "finding.us_share": (
        "Частка США у всій військовій допомозі, виділеній Україні (Kiel Institute Ukraine Support "
        "Tracker, випуск {release}; виділена допомога, не поставки): {parts}."
    ),
    "finding.claims": (
        "Із показників у місячних офіційних заявах ({period}; усього {n}) підрахунок за звітами "
        "Повітряних сил підтверджує {consistent} (кількість у межах, які допускає формулювання заяви), "
        "спростовує — {contradicted}."
    ),
    "finding.claims_direction": (
        "Зі спростованих показників {above} більші за підрахунок у звітах, {below} — менші (межі "
        "підрахунку враховують датування атак їх початком чи ніччю та регіональні звіти)."
    ),
    "finding.claims_unchecked": "Перевірити не можна: {n} (звіти не рахують: {measures}).",
    "finding.glide_bombs": (
        "КАБ, лише за офіційними заявами: останній місяць із показником — {month}, {n} ({kind}; "
        "діапазон {low}–{high}); без показника з достатнім покриттям — {missing} з {months} показаних "
        "місяців."
    ),
    "finding.glide_weekly": "оцінка за тижневими заявами",
    "finding.glide_full_month": "заява за повний місяць",
    # ------------------------------------------------------------------ the report (aidstats report)
    "report.title": "Повітряна війна проти України і військова допомога, що на неї відповідає",
    "report.title_page.kicker": "звіт aidstats",
    "report.key_findings": "Основні висновки",
    "report.title_page.releases": (
        "Дані: звіти Повітряних сил ЗСУ в оцифруванні П. Іванюка, випуск {strikes}; офіційні заяви, "
        "добірка {statements}; Kiel Institute Ukraine Support Tracker, випуск {aid}."
    ),
    "report.title_page.tables_note": (
        "Кожне число вище обчислено, а не вписано вручну: tables/key_findings.csv подає кожне з "
        "таблицею і рядком, звідки воно взяте. Кількості ударів — як їх подають Повітряні сили; "
        "допомога — виділена допомога в номінальних євро (не зобов'язання і не поставки); офіційні "
        "заяви — твердження, які перевірено з урахуванням їхнього формулювання."
    ),
    "report.section.figures": "Графіки",
    "report.section.tables": "Зведені таблиці",
    "report.section.data": "Дані та випуски",
    "report.figure_caption": "Рисунок {number}. {caption}",
    "report.table_continued": "{title} (продовження)",
    "report.data_page.intro": (
        "Звіт повністю визначається цими наборами даних і параметрами: повторна збірка дає ті самі "
        "байти. manifest.json перелічує кожен вхідний і вихідний файл з його SHA-256."
    ),
    "report.data_page.parameters": "Параметри: {parameters}.",
    "report.data_page.caveats": (
        "Кількості — як їх подають Повітряні сили ЗСУ: «збито» — твердження, а «локаційно втрачено» "
        "звітують лише з липня 2024 до липня 2025. КАБ у звітах немає: їхні показники — з офіційних "
        "заяв. Допомога — виділена допомога за даними Kiel Institute за місяцем виділення, у "
        "номінальних євро."
    ),
    "report.subject": "Удари по Україні за звітами Повітряних сил, перевірка офіційних заяв і допомога Україні",
    "report.keywords": "Україна; повітряна війна; ракети; дрони; КАБ; ППО; військова допомога; Kiel Institute",
    "report.alt": "Графік: {title}. {caption}",
    "report.source.strikes": "щоденні звіти Повітряних сил ЗСУ в оцифруванні П. Іванюка, випуск {release}",
    "report.source.statements": "офіційні заяви (зібрані), добірка {release}",
    "report.source.kiel": (
        "Kiel Institute Ukraine Support Tracker, випуск {release}; виділена допомога в номінальних євро "
        "за місяцем виділення (не зобов'язання і не поставки)"
    ),
    "report.01_strike_volume.title": "Обсяг ударів (випущено за рік — у зведенні)",
    "report.01_strike_volume.caption": (
        "Ракети й дрони, випущені за місяць, {period}: {classes}; за звітами Командування Повітряних сил "
        "і регіональних командувань без повторів, датовано кінцем атаки (лише повні місяці). Балістичні "
        "ракети включають аеробалістичний «Кинджал» і С-300/С-400 по наземних цілях; протикорабельні "
        "ракети враховано як крилаті; змішані — рядки звітів, де крилаті й балістичні ракети не розділено "
        "за моделлю. Ударні дрони — за полем is_shahed, де звіт його дає, решта — дрони-імітатори; до "
        "середини липня 2025 дрони-імітатори входять до ударних. КАБ (нижня "
        "панель) — твердження з офіційних заяв, а не підрахунок Повітряних сил: заява за повний місяць "
        "(місяців: {glide_full}), оцінка за тижневими заявами, що охоплюють щонайменше половину місяця "
        "(місяців: {glide_weekly}), кожна з діапазоном, який допускають формулювання й неохоплені дні; "
        "місяці без достатнього покриття ({glide_missing}) порожні, а не нульові. Джерела: {strikes}; "
        "{statements}."
    ),
    "report.02_weapon_mix.title": "Структура засобів ураження в часі",
    "report.02_weapon_mix.caption": (
        "Частка кожного класу засобів ураження серед усіх запусків місяця, {period} (усі командування). "
        "Дрони-імітатори відокремлено від ударних за полем is_shahed, як на рисунку 1; до середини липня "
        "2025 звіти їх не розділяють, і дрони-імітатори входять до частки ударних. Джерело: {strikes}."
    ),
    "report.03_interception_rate.title": "Частка знешкоджених за місяць, звіти Командування",
    "report.03_interception_rate.caption": (
        "Частка знешкоджених = (збито + локаційно втрачено) \u00f7 випущено, як відношення місячних сум "
        "за звітами Командування Повітряних сил, {period}; {interval}; місяці, де випущено менше ніж "
        "{min_trials}, не показано. Пунктирні лінії — зміни у звітності: «локаційно втрачено» (здебільшого "
        "через РЕБ) звітують лише з липня 2024 до липня 2025, тож частки до, під час і після цього "
        "порівнюються лише обережно. Джерело: {strikes}."
    ),
    "report.03_interception_rate.figure_title": "Частка знешкоджених ракет і дронів, за місяць (звіти Командування)",
    "report.04_largest_salvos.title": "Наймасованіші атаки",
    "report.04_largest_salvos.caption": (
        "Одна точка — одна масована атака (один допис Повітряних сил і одне безперервне вікно атаки: "
        "допис про атаки з проміжком 8 годин і більше дає кілька атак); атак: {n_salvos}, {period}; "
        "розмір — кількість випущених засобів ураження; наймасованіші ({n_labelled}) підписано з "
        "кількістю й датою завершення атаки. Джерело: {strikes}."
    ),
    "report.05_drone_trend.title": "Запуски дронів: тренд і точки зламу",
    "report.05_drone_trend.caption": (
        "Ударні дрони та дрони-імітатори, випущені за місяць, за звітами Командування Повітряних сил, "
        "{period}, у моделі — в логарифмах: зміну рівня чи темпу зростання залишено, лише якщо тест "
        "проти автокорельованого (AR(1)) шуму знаходить її на рівні 5\u202f% (бутстреп), і кожна точка "
        "зламу має 95\u202f% діапазон дат; між ними — кусковий тренд ({method}) з 95\u202f% довірчим "
        "інтервалом. Відрізків: {segments}. Зведена таблиця подає зміну у % на місяць на кожному "
        "відрізку з інтервалом.{candidate} Джерело: {strikes}."
    ),
    "report.05_drone_trend.candidate": (
        " Найсильніший кандидат на злам, з {month}, не залишено (p = {p}): показано середній темп "
        "зростання за весь період; зміна там можлива, але дані її не доводять."
    ),
    "report.05_drone_trend.figure_title": "Дрони, випущені за місяць: кусковий тренд і точки зламу",
    "report.05_drone_trend.ylabel": "Випущено дронів за місяць (кількість)",
    "report.05_drone_trend.default_method": "логлінійна, AR(1)-похибки",
    "report.06_aid_by_donor.title": "Допомога за донорами",
    "report.06_aid_by_donor.caption": (
        "Уся виділена допомога за донорами, {period}: 15 найбільших, решта — «Інші»; за видами: "
        "військова, фінансова, гуманітарна. Джерело: {kiel}."
    ),
    "report.07_aid_over_time.title": "Допомога в часі за видами",
    "report.07_aid_over_time.caption": (
        "Допомога всіх донорів за квартал за видами, {period}; лише повні квартали. Джерело: {kiel}."
    ),
    "report.08_cumulative_aid.title": "Накопичена допомога за групами донорів",
    "report.08_cumulative_aid.caption": (
        "Накопичена допомога груп донорів, {period} (склад груп — набір donor_groups; донора враховано з "
        "місяця вступу; ЄС включає інституції ЄС). Групи перетинаються, їх не можна додавати. "
        "Джерело: {kiel}."
    ),
    "report.09_aid_channels.title": "Військова допомога за каналами",
    "report.09_aid_channels.caption": (
        "Військова допомога із запасів донорів, нові закупівлі, NATO PURL і не вказано, за квартал, "
        "{period} (повні квартали); канали в сумі дають менше, ніж уся військова допомога (розрив "
        "показано, не приховано). Джерело: {kiel}."
    ),
    "report.10_weapons_delivered.title": "Важке озброєння за донорами та категоріями",
    "report.10_weapons_delivered.caption": (
        "Одиниці важкого озброєння за донорами та категоріями з таблиці озброєнь трекера (без дат); "
        "різні написання однієї системи об'єднано. Джерело: Kiel Institute Ukraine Support Tracker, "
        "випуск {kiel_release}."
    ),
    "report.11_strikes_and_aid.title": "Удари й військова допомога на одній осі часу",
    "report.11_strikes_and_aid.caption": (
        "Період: {period}. Угорі: ракети й дрони, випущені за місяць (звіти Повітряних сил; дані про удари "
        "починаються з {strikes_begin}: попередні місяці затінено, це не нуль). Унизу: військова "
        "допомога, виділена за місяць, до останнього місяця даних про допомогу. Панелі мають спільну "
        "вісь часу; причинового зв'язку не стверджується. Джерела: {strikes}; {kiel}."
    ),
    "report.12_claims_vs_counts.title": "Офіційні місячні заяви проти звітів Повітряних сил",
    "report.12_claims_vs_counts.caption": (
        "Кожен рядок — один показник із місячної офіційної заяви ({n_claims} за {period}; звіти дають "
        "перевірити {n_checkable}): сіра смуга — межі, які допускає формулювання («понад 330» допускає "
        "від 330 до 412), точка — підрахунок за звітами Командування Повітряних сил (зведення, на які "
        "посилаються посадовці), датований кінцем атаки, чорна лінія — межі підрахунку, якщо датувати "
        "атаки їх початком чи ніччю та додати регіональні звіти; зафарбована точка (межі перетинаються) "
        "узгоджується із заявою, порожня — ні: заява вища або нижча за підрахунок. КАБ у звітах немає. Джерела: {statements}; {strikes}."
    ),
    "report.12_claims_vs_counts.source": (
        "Джерела: офіційні заяви (зібрані); звіти Повітряних сил ЗСУ (оцифрування П. Іванюка)"
    ),
    # ------------------------------------------------------------------ table headers and values
    "column.year": "Рік",
    "column.months": "Місяців",
    "column.month": "Місяць",
    "column.weapon_group": "Засоби",
    "column.successes": "Знешкоджено",
    "column.trials": "Випущено",
    "column.estimate": "Частка",
    "column.low": "Інтервал від",
    "column.high": "Інтервал до",
    "column.time_end": "Атака завершилася",
    "column.launched": "Випущено",
    "column.launched_missile": "Ракети",
    "column.launched_drone": "Дрони",
    "column.n_models": "Моделей",
    "column.segment": "Відрізок",
    "column.segment_start": "Від",
    "column.pct_per_month": "% на місяць",
    "column.pct_per_month_low": "Інтервал від",
    "column.pct_per_month_high": "Інтервал до",
    "column.break_low": "Злам від",
    "column.break_high": "Злам до",
    "column.donor": "Донор",
    "column.total": "Разом",
    "column.period_start": "Місяць",
    "column.measure": "Показник",
    "column.qualifier": "Формулювання",
    "column.claimed": "Заявлено",
    "column.computed": "Пораховано",
    "column.verdict": "Висновок",
    "column.speaker": "Хто заявив",
    "column.dataset": "Набір даних",
    "column.version": "Версія",
    "column.rows": "Рядків",
    "value.yes": "так",
    "value.no": "ні",
    "value.consistent": "узгоджується",
    "value.not consistent": "не узгоджується",
    "value.not checkable": "не перевіряється",
    "value.over": "понад",
    "value.nearly": "майже",
    "value.about": "близько",
    "value.exact": "точно",
    "value.up_to": "до",
    # ------------------------------------------------------------------ donors and weapon categories
    "donor.Australia": "Австралія",
    "donor.Austria": "Австрія",
    "donor.Belgium": "Бельгія",
    "donor.Bulgaria": "Болгарія",
    "donor.Canada": "Канада",
    "donor.China": "Китай",
    "donor.Croatia": "Хорватія",
    "donor.Cyprus": "Кіпр",
    "donor.Czechia": "Чехія",
    "donor.Denmark": "Данія",
    "donor.EU (Commission and Council)": "ЄС (Комісія та Рада)",
    "donor.Estonia": "Естонія",
    "donor.Finland": "Фінляндія",
    "donor.France": "Франція",
    "donor.Germany": "Німеччина",
    "donor.Greece": "Греція",
    "donor.Hungary": "Угорщина",
    "donor.Iceland": "Ісландія",
    "donor.India": "Індія",
    "donor.Ireland": "Ірландія",
    "donor.Italy": "Італія",
    "donor.Japan": "Японія",
    "donor.Latvia": "Латвія",
    "donor.Lithuania": "Литва",
    "donor.Luxembourg": "Люксембург",
    "donor.Malta": "Мальта",
    "donor.Netherlands": "Нідерланди",
    "donor.New Zealand": "Нова Зеландія",
    "donor.Norway": "Норвегія",
    "donor.Poland": "Польща",
    "donor.Portugal": "Португалія",
    "donor.Romania": "Румунія",
    "donor.Slovakia": "Словаччина",
    "donor.Slovenia": "Словенія",
    "donor.South Korea": "Південна Корея",
    "donor.Spain": "Іспанія",
    "donor.Sweden": "Швеція",
    "donor.Switzerland": "Швейцарія",
    "donor.Taiwan": "Тайвань",
    "donor.Turkiye": "Туреччина",
    "donor.United Kingdom": "Велика Британія",
    "donor.United States": "США",
    "weapon_category.Air Defense": "ППО",
    "weapon_category.Howitzers": "Гаубиці",
    "weapon_category.IFV": "БМП",
    "weapon_category.MLRS": "РСЗВ",
    "weapon_category.Tanks": "Танки",
}
