/**
 * Common given names across many locales (lower case), written for this project from general knowledge of
 * names, not from the evaluation data. Names that are also common words in the languages prompts come in,
 * places, brands or model names are left out ("mia" and "julio" are Italian and Spanish words, "Gemma" a
 * model, "Carlo" of Monte Carlo, "Shannon" of Shannon entropy, "Paulo" of São Paulo, "Stella" a beer).
 * A capitalised word from this list followed by another capitalised word is very
 * likely a person's name; alone it is one with less confidence.
 */
export const GIVEN_NAMES = new Set(
  `jim jimmy dan liz lizzie mike mikey matt meg dave pete ted teddy ron ronnie stevie rob rick jen cathy nate tommy billy bobby patty bob sue pat aaron abdul abigail adam adrian agnes ahmed aiko aisha akira alan albert alberto alejandro aleksandr alex alexander alexandra
alexandre alfred ali alice alicia alina alison amanda amelia amir ana anders andrea andreas andrei andrew andrzej angela angelo anita
anja ann anna anne annika anthony antoine anton antonio arjun arne arthur astrid aurora ava barbara beatriz ben benjamin bernard bernd
berta bettina birgit bjorn björn boris brian bruno camila carl carla carlos carmen carol caroline catherine cecilia charles charlotte
chen chiara chloe chris christian christina christine christophe christopher claire clara claudia colin daniel daniela david deborah
dennis diana diego dieter dimitri dmitri dominik donald dorothy edward elena elias elif elisa elisabeth elizabeth ella ellen elin
emil emily emma enrique eric erik erika ernesto eva fabian fatima felipe felix fernando filip fiona florian francesca francesco
francisco frank franz freya gabriel gabriela george georg gerhard giovanni giulia giuseppe grace greta gustav guðrún hana hannah hans
harald harry heike heinz helen helena helga henrik henry hiroshi hugo ian ibrahim ida igor ingrid irene isabel isabella ivan jack
jacob jakob james jan jana jane janet jason javier jean jelena jennifer jens jessica joana joao joão joe johan johanna john jonas
jonathan jordan jorge jose josé josef joseph juan julia julian julie juliet jung jürgen kai karen karin karl kasper katarina
katharina kathrin kenji kevin kim klaus kristina lara lars laura lea leah lena leo leon leonardo liam lina linda lisa liu
lorenzo louis louise luca lucas lucia luis luka lukas magnus maja manuel marc marco marcus margaret maria mariana marie marina mario
mark marta martin mary mateo matteo matthew matthias max maximilian maya mehmet mei michael michelle miguel mikael mila milan min
ming mohamed mohammed monika nadia natalia natasha nathan nicolas nicole niels nikola nikolai nils nina noah nora olga oliver olivia
omar oscar paolo patricia patrick paul paula pedro peter petra philipp pierre pietro pablo rafael rahul raj rebecca ricardo richard
rita robert roberto rosa ruth ryan sakura samuel sandra sara sarah sebastian sergei sergio silvia simon simone sofia sophia sophie
stefan stefano stephanie steven susan sven takashi tamara tatiana teresa thomas tim tobias tom tomas tomás ulrich ursula valentina
valeria vanessa vera victor viktor vincent walter wei william wolfgang xavier yasmin yuki yusuf zoe zofia
abby adele agata agnieszka aino akiko alba aleksander alvaro amalia amina amy andre angelika annette antonia ariana arvid
asa åsa ashley axel beata benedikt bianca bogdan brad brandon brenda brigitte camille carina carolina cesar chantal cristina
dag dagny daisuke daria darko dirk dolores dora dorota ebba edith eero eino elsa emilia emilie enzo erin esther eugen ewa fabio
federica filipa finn frida gabor gaspard gerda gladys goran greg gunnar hamid hanne harriet hassan heidi hilde hiro hugh ilse ines
irina isak jacek jakub jamal jamie janina jaroslav jasmine jesper jiri jiří joakim jolanta jordi josephine jukka
justyna kamila karol karolina kasia kazuki keiko khalid kirsten klara kofi krzysztof kwame lauri lejla lennart leonie lidia
linnea logan lotte lucie ludwig lukasz łukasz maciej magda magdalena malin malgorzata małgorzata marek margit marit marius marketa
markus marlene martina matej mateusz mathilde matti mattias michal michał mihai mikko milos miloš mira miriam mohammad nadja natalie
nikita noemi ole olaf olav ondrej orsolya oskar otto pavel pawel paweł per petr pia piotr radek rainer reza rikke riley robin
roman rune ruslan sabine samantha sanna selma sigrid silke siobhan sonja stanislav stephan susanne svetlana taro tereza thea tiina
tomasz tove ulla ulrike vesna victoria viktoria vladimir wiktoria wojciech yannick yara yvonne zdenek zdeněk zoltan
aidan alfie alistair andy archie barry becky beth bethany blake bradley brendan brett bridget calum cameron
cassie cheryl clive connor courtney craig curtis damian danny darren declan derek dominic donna doug duncan dylan eddie eileen elaine
eleanor elliot emmett ethan evan evelyn felicity fergus finley freddie gareth gavin geoffrey gillian gordon graham gwen hailey
hamish hayley hollie howard imogen isaac jacqueline jake jared jeff jeffrey jenna jenny jill joan joanne jodie joel jonah
josh joshua joyce judith judy kate katie keith kelly kerry kieran kirsty kyle lachlan leigh lindsay lloyd lorna lucy
luke lydia lynn maddie maisie malcolm marion martha matilda megan melanie melissa molly nadine neil nigel niamh owen pamela
penelope phoebe phil rachel ralph reggie rhys ricky robbie rodney ronald rory rosie ross sally scarlett sean
sharon sheila shirley sienna stacey steve stewart stuart tanya theo tina toby tony tracy trevor vicky vivian wayne
wesley zachary anke annegret bärbel benno bernhard burkhard cornelia detlef doris egon elke erwin friedrich fritz gabriele
gerd gisela gudrun günter günther hartmut heidrun heiko helmut herbert hildegard holger horst ingeborg irmgard joachim jochen jörg karsten
kerstin knut kurt lothar manfred marianne mechthild norbert ottmar reinhard renate rüdiger siegfried sönke steffen thorsten torsten ute uwe
volker waltraud werner wilhelm adèle agathe alain amélie anaïs arnaud aurélie baptiste benoît bernadette cédric céline clément
corentin damien delphine denis didier dominique élodie émilie étienne fabien fabrice françois françoise frédéric gaël gaëlle gérard
ghislaine guillaume hélène hervé isabelle jacques jérôme joël julien laetitia laurent léa loïc manon marcel marguerite mathieu maxime
michèle mireille nathalie océane olivier pascale patrice philippe quentin raphaël régis rémi romain sébastien serge sylvie thierry
timothée valérie véronique yann yves zoé théophile adriana agustín alejandra álvaro amparo andrés catalina césar consuelo cristian eduardo
emilio esteban federico fernanda gonzalo graciela guillermo gustavo hernán horacio ignacio inés jaime jimena joaquín
josefina leonor lorena luciana lucía marcela mariano marisol martín milagros nicolás octavio ramiro ramón raúl renata
rocío rodrigo rogelio sebastián silvio soledad teodoro valentín vicente ximena yolanda gonçalo rui tiago vasco bruna fábio
flávia leandro letícia luana marcelo mateus otávio priscila rafaela thiago vinícius alessandro alessandra alessia antonella beatrice
claudio daniele davide domenico emanuele enrico fabrizio filippo gianluca giacomo gianni giorgio giuliano giulio ilaria
marcello maurizio michela mirko nicola paola pasquale raffaele riccardo roberta rocco salvatore simona tommaso
umberto valerio vincenzo ludovica ottaviano bram daan femke geert hendrik jeroen joost kees koen lieke maarten marloes pieter ruud
sjoerd thijs wim wouter ineke marieke mieke roel sander stijn tess aksel birgitta bjarne børge einar erling frode gry
gunhild håkan halvard hege inger ingvild jarl kjell leif mette morten oddvar pål ragnar ragnhild rolf sindre solveig
sture svein terje torbjørn trine trond ulf vidar viggo åke göran jörgen pernilla stina ylva antti hannu heikki ilkka jari juha kaisa
kalle katja kimmo lasse leena markku marjatta minna olli pekka petri pirkko riitta sami seppo tapio teemu timo tuomas tuula veikko
ásgeir bjarni guðmundur jón katrín kristín ólafur sigríður sigurður stefán þórður þóra erla
aleksandra aleksei alexei anastasia bohdan danuta darya dmitry dragan elżbieta grażyna halina iwona jadwiga janusz jarosław jerzy
joanna józef kamil katarzyna kazimierz krystyna marcin mariusz milena miroslav mirosław oksana olena oleg petar przemysław radosław sławomir
stanisław taras urszula vadim vasyl wiesław witold yulia yuri zbigniew zuzana lenka ondřej vojtěch dušan ivana marija milica
nemanja zoran tomislav andrej anže jure nejc primož špela urška žiga andrás ágnes anikó attila balázs bence csaba dániel
dóra erzsébet eszter ferenc gergely györgy gyula ildikó istván judit katalin krisztina lajos lászló levente márta mihály miklós
nóra péter réka sándor szabolcs tamás tibor zoltán zsófia zsolt alexandros anastasios christos dimitris eleni georgios ioannis
katerina konstantinos nikos panagiotis spyros stavros theodoros vasilis yannis ahmet ayşe burak cem emre fatma hakan hüseyin kemal murat
mustafa özlem selin serkan zeynep abdullah ahmad hamza hussein karim mariam mona noor rania samir tariq youssef zainab aarav aditi
aditya amit ananya anil anjali deepak divya ganesh gaurav kavya kiran krishna lakshmi manish meera neha nikhil pradeep pranav priya
rajesh ravi rohan rohit sanjay shreya sunil suresh vijay vikram vivek ayumi haruki haruto hina kaito kenta naoki satoshi shota
takumi yui yuka yumi yuto jing xiu yong ying zhen hui jie hao xin jisoo jiwoo minjun seojun seoyeon jiyeon hyun eun abebe
adebayo amara chidi chinedu chioma emeka femi folake kwabena kojo nnamdi obinna oluwaseun sipho thabo thandiwe themba tendai tunde uche
zanele zola lindiwe ngozi ayodele babajide
addison alexis allison alyssa angelina audrey avery bailey betty beverly brianna brittany brooke caitlin carly cindy
danielle debbie denise diane ellie gabrielle gloria haley janice jocelyn julianna kaitlyn kara katelyn katherine kathleen kathryn
kathy kayla kaylee kelsey kendra kimberly kristen kylie lillian lindsey lori mackenzie madeline madeleine makayla mallory marilyn
marissa meredith monica nancy naomi nichole paige peyton rebekah sabrina shelby stacy tammy tara tiffany valerie veronica wendy
whitney aiden alec angus brady brayden brent bruce bryan bryce caleb cody corey douglas dustin elijah eli gregory harrison hayden
isaiah jace jeremy jerry jesse joey johnny julius justin kenneth landon larry lawrence lewis micah mitchell nicholas nick nolan
phillip raymond reid roger roy russell seth shane shaun shawn spencer terry timothy timmy todd tyler warren zach annelie
christa dagmar elfriede erna hannelore herta inge jutta karola liesel lieselotte rosemarie sieglinde wilhelmine dietmar gottfried
ingo ralf udo winfried aude béatrice cécile clémence colette éloïse geneviève josiane josette maëlle margaux martine odette
sandrine solène yvette adrien aurélien bertrand émile florent gaston lucien michel rené stéphane sylvain thibault valentin
estefanía josefa juana luisa macarena manuela nuria raquel susana verónica alfonso armando arturo bernardo gerardo héctor jesús
marcos mauricio óscar rubén benedita caio cauã conceição davi eduarda fabiana fabrício heloísa isadora joaquim juliana kaique
lívia luiz murilo sebastião vitória donatella elisabetta giovanna giuliana iginio luciano luigi massimo michele renato vittoria
vittorio anouk eline joris luuk sanne willem agnete anette anneli ansgar bengt birger bodil britt dorthe eivind eskil folke gitte
grete gustaf håkon helle henning ingvar jorunn kari lene mads oddny pernille rasmus sigurd siv steinar stig sune vibeke sofie
josefin alva wilma aila aki arja eija elina harri helmi irja jaakko janne jouni juho jussi kaarina kirsi marja marko mirja niina
paavo pentti pirjo raija sinikka sirpa tarja aapo eetu onni aada alicja aneta bartosz bożena dariusz dawid dominika edyta ewelina
hubert leszek lucyna łucja marzena mieczysław patryk ryszard sylwia szymon tadeusz waldemar władysław zenon fryderyk walenty
wawrzyniec alena blanka bohumil bohuslav božena dana eliška františek jaroslava jindřich jiřina karel kateřina květa ladislav
libor ludmila lubomír markéta miloslav oldřich stanislava svatopluk vlasta zdenka václav vratislav éva tünde mária jános józsef
márton branka ivica josip ljubica mirjana snježana stjepan željko emine layla leila mahmoud nour`.split(/\s+/),
);

/**
 * Common surnames of the countries prompts most often come from (lower case), written for this project from general
 * knowledge, not from the evaluation data. Surnames that are words of English or of their own language, places,
 * brands, given names or the names of theorems and methods are left out ("Stone", "Sommer", "Houston", "Ferrari",
 * "Martin", "Gibbs", "Pearson"): the rules use these only where a capitalised word stands beside them or a weak
 * phrase introduces them ("with Isaksson"), which a word or a thing named after a person would also fit.
 */
export const SURNAMES = new Set(
  `johnson williams jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson perez harris sanchez clark
ramirez robinson allen wright torres nguyen nelson adams campbell roberts carter phillips collins edwards murphy rogers peterson
ramos cox richardson bennett barnes henderson coleman powell patterson hughes simmons gonzales bryant griffin diaz myers sullivan
owens reynolds ellis ortiz gomez murray freeman webb simpson stevens tucker hicks crawford boyd morales kennedy dixon robertson
daniels nichols ferguson hawkins dunn perkins gardner stephens matthews willis watkins olson carroll snyder cunningham andrews
ruiz harper armstrong greene elliott chavez sims kelley franklin lawson gutierrez vasquez castillo montgomery richards williamson
johnston meyer mccoy howell alvarez morrison hansen fernandez garza harvey burton jacobs fuller lynch gilbert garrett romero
larson frazier burke hanson moreno fowler hoffman carlson silva fleming vargas davidson herrera soto neal caldwell jennings
barnett jimenez horton shelton barrett obrien mckinney rodriquez pena newman haynes mcdaniel mendez vaughn dawson norris schultz
barker guzman munoz weber leonard walsh ramsey wolfe mullins benson bowen cummings hines baldwin griffith valdez hubbard salazar
stevenson burgess garner thornton mcgee delgado aguilar manning harmon rodgers robbins blair higgins ingram reese strickland
townsend goodwin walton ortega patton swanson maldonado yates becker erickson hodges rios conner adkins malone hammond quinn
maxwell floyd osborne mccarthy estrada sandoval fitzgerald doyle saunders alvarado greer padilla waters nunez ballard schwartz
mcbride christensen briggs parsons mclaughlin zimmerman buchanan moran copeland pittman mccormick holloway brock poole wong
jefferson morton abbott massey figueroa roberson tran harrington cortez clarke mathis singleton mckenzie phelps mcguire wilkerson
atkins müller schulz hoffmann schäfer schröder neumann zimmermann krüger hofmann hartmann schmitt schmitz krause lehmann schmid
schulze maier köhler herrmann könig mayer scholz möller weiß hahn schubert winkler lorenz baumann franke albrecht schuster böhm
schumacher krämer jäger groß seidel heinrich haas schreiber schulte dietrich ziegler kuhn kühn pohl bergmann voigt dubois petit
durand leroy moreau lefebvre fournier morel girard lefèvre mercier dupont bonnet legrand garnier rousseau guerin muller roussel
morin clement gauthier dumont fontaine chevalier masson lemaire duval joly gautier meunier marchand dufour blanchard barbier dumas
brunet leroux rolland caron aubert giraud leclerc vidal bourgeois lemoine gaillard leclercq lacroix dupuis guillot rivière moulin
lecomte menard deschamps carpentier benoit maillard marchal aubry vasseur jacquet collet prevost poirier charpentier royer huet
dupuy pons laine carre breton perrot guyot barre marty garcía rodríguez gonzález fernández lópez martínez sánchez pérez gómez
jiménez hernández díaz muñoz álvarez alonso gutiérrez navarro domínguez vázquez gil ramírez serrano molina suárez marín sanz núñez
iglesias cortés lozano prieto méndez calvo gallego márquez cabrera carrasco díez caballero nieto pascual santana herrero montero
hidalgo giménez ibáñez ferrer benítez arias carmona román sáez velasco gallardo oliveira souza sousa rodrigues ferreira alves
pereira gomes ribeiro carvalho almeida lopes soares fernandes vieira barbosa dias nascimento andrade moreira nunes marques machado
mendes freitas cardoso gonçalves teixeira araújo cavalcanti monteiro correia melo azevedo reis farias esposito ricci mancini
giordano rizzo lombardi moretti barbieri santoro mariani rinaldi caruso galli longo martinelli lombardo d'angelo marchetti parisi
ferraro ferri marini valentini pellegrini palumbo rizzi cattaneo morelli amato silvestri mazza grassi pellegrino carbone giuliani
benedetti barone rossetti caputo montanari palmieri bernardi ferretti bellini basile donati piras vitali battaglia sartori
costantini milani pagano ruggiero sorrentino d'amico damico negri jong jansen vries dijk bakker janssen boer hendriks leeuwen
dekker brouwer wit graaf linden haan vermeulen bruijn heijden schouten willems hoekstra verhoeven koster blom huisman peeters
johansen olsen larsen andersen pedersen nilsen kristiansen karlsen johnsen pettersen eriksen haugen johannessen andreassen
jacobsen jørgensen halvorsen henriksen sørensen jakobsen moen gundersen iversen solberg svendsen eide knutsen martinsen paulsen
bakken kristoffersen mathisen amundsen rasmussen lunde solheim nygård bakke kristensen fredriksen nielsen petersen madsen thomsen
christiansen poulsen møller mortensen andersson johansson karlsson nilsson eriksson larsson olsson persson svensson gustafsson
pettersson jonsson jansson hansson bengtsson jönsson lindberg jakobsson magnusson olofsson lindström lindqvist lindgren axelsson
bergström lundberg lundgren lundqvist mattsson berglund fredriksson sandberg henriksson forsberg sjöberg wallin engström eklund
danielsson lundin håkansson björk bergman gunnarsson samuelsson fransson wikström isaksson bergqvist arvidsson nyström holmberg
löfgren söderberg blomqvist claesson nordström mårtensson lundström viklund björklund eliasson pålsson berggren sandström nordin
ström åberg hermansson ekström holmgren sundberg hedlund dahlberg hellström sjögren abrahamsson martinsson öberg andreasson
strömberg månsson åkesson lindholm norberg holmqvist korhonen virtanen mäkinen nieminen mäkelä hämäläinen heikkinen koskinen
järvinen lehtonen lehtinen saarinen salminen heinonen niemi heikkilä kinnunen salonen turunen salo laitinen tuominen rantanen
karjalainen jokinen mattila savolainen lahtinen ahonen ojala leppänen hiltunen väisänen kallio miettinen leinonen pitkänen
aaltonen manninen hirvonen anttila laaksonen koivisto nowak kowalski wiśniewski wójcik kowalczyk kamiński lewandowski zieliński
szymański woźniak dąbrowski kozłowski jankowski mazur wojciechowski kwiatkowski krawczyk kaczmarek piotrowski grabowski zając
pawłowski michalski król wieczorek jabłoński wróbel nowakowski majewski olszewski stępień malinowski jaworski adamczyk dudek
nowicki pawlak górski witkowski walczak sikora baran rutkowski michalak szewczyk ostrowski tomaszewski pietrzak zalewski
wróblewski marciniak jasiński zawadzki bąk jakubowski sadowski duda włodarczyk wilk chmielewski borkowski sokołowski szczepański
sawicki lis kucharski kalinowski wysocki mazurek kubiak kołodziej czarnecki sobczak konieczny urbański głowacki novák svoboda
novotný dvořák černý procházka kučera veselý horák němec pokorný pospíšil hájek jelínek král růžička beneš fiala sedláček doležal
zeman kolář navrátil čermák vaněk blažek kříž kovář bartoš vlček polák musil kopecký šimek konečný malý holub čech štěpánek staněk
kadlec dostál soukup šťastný mareš moravec sýkora valenta novotná svobodová dvořáková černá procházková kučerová veselá horáková
nagy kovács tóth szabó horváth varga molnár németh farkas balogh papp takács juhász lakatos mészáros oláh rácz fekete szilágyi
török fehér gál kis szűcs kocsis orsós pintér fodor szalai sipos magyar lukács gulyás biró király katona horvat kovačević babić
marić jurić novak kovačić knežević vuković marković petrović matić tomić pavlović kovač božić blažević grgić pavić radić perić
filipović šarić lovrić vidović perković popović bošnjak jukić barišić jovanović nikolić đorđević stojanović ilić stanković
milošević yılmaz demir şahin çelik yıldız yıldırım öztürk aydın özdemir arslan doğan kılıç aslan çetin koç özkan şimşek
papadopoulos papadakis georgiou dimitriou nikolaou konstantinou papageorgiou vasileiou ioannou o'sullivan o'brien byrne o'connor
o'neill o'reilly gallagher o'doherty mcloughlin o'carroll connolly daly o'connell macdonald thomson maclean kumar sharma patel
gupta mehta joshi reddy iyer nair pillai menon banerjee chatterjee mukherjee chopra kapoor malhotra verma agarwal mishra pandey
yadav hussain rahman chowdhury`.split(/\s+/),
);

/**
 * The most common Chinese, Vietnamese, Korean, Japanese and Hungarian surnames, which come before the given
 * name ("Zhang Wei", "Kim Min", "Kovács Anna"). Western names put the given name first.
 */
export const SURNAMES_FIRST = new Set(
  `zhang wang li liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie song tang han feng deng cao peng zeng
xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen yao nguyen tran le pham hoang phan vu vo dang bui do ho ngo duong ly
kim lee park choi jung kang cho yoon jang lim oh seo shin kwon hwang ahn yoo hong jeon sato suzuki takahashi tanaka watanabe ito yamamoto
nakamura kobayashi kato yoshida yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu nagy kovács tóth szabó horváth varga
molnár németh farkas balogh papp takács juhász lakatos mészáros oláh rácz fekete`.split(/\s+/),
);

/**
 * Capitalised words that start sentences or name things, and are not people: nationalities too ("Indian Govt",
 * "African Americans"), but not those that are also names ("Dawn French", "Irvine Welsh", "Danish Kaneria", "Thai Nguyen").
 */
export const NOT_NAMES = new Set(
  `the a an i my your our their his her its this that these those what why how when where who which will would can could should
please thanks thank hello hi dear regards best see people users customers curriculum vitae none unknown anonymous null nil tbd yet same blank empty yes no not and or but if then also just so very it is are was were be been
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october
november december street avenue road suite apt apartment company inc ltd llc gmbh bank card account number phone email address
network computer systems administrator personal info website unlike great brilliant follow call send ask tell
on at in of back later now tomorrow today tonight asap soon anytime maybe sure here there again first after before too
looking going trying writing calling from about sorry happy glad new interested available
solutions markets technologies technology service services consulting corp corporation group holdings software labs
brothers bros sons söhne associates industries enterprises comércio hermanos asociados fratelli frères gruppen gruppe grupo gruppo groep
aktiebolag handelsbolag kommanditbolag aksjeselskap kommandittselskap kommanditselskab interessentskab osakeyhtiö
transit republic states kingdom union africa america europe asia beach springs harbor harbour port club mill greens coves route
bridge schools school news data university college institute hospital center centre park river lake mountain valley city county
president vice chief executive officer manager director head general secretary minister ministry department board office council
committee team member founder chairman chairwoman chair ceo cto cfo coo senior junior lead engineer engineering sales marketing
finance support customer product project operations research development human resources legal capital partners ventures
foundation association society museum library something anything nothing everything someone somebody anyone anybody everyone
nobody whatever
machine learning deep neural model models intelligence artificial language server client actions action router studio visual
cloud platform web native framework boot spring lightning python java javascript typescript kotlin scala react angular vue node
docker kubernetes linux windows android ios microsoft google amazon azure oracle ibm salesforce github gitlab slack jira excel
word powerpoint outlook teams database engine api sdk app apps edge functions lambda storage compute analytics pipeline
mr mrs ms miss mx dr dra prof sig dott avv mgr herr herrn frau mme mlle sr sra srta pani panna mevrouw mevr meneer dhr signora signore signorina senhor senhora fru herra rouva neiti frøken gospodin gospođa world welt monde mundo mondo verden värld wereld grüße grüßen zusammen leute kollegen kolleginnen equipo equipe ragazzi amigos amici alla
cliente clientes usuario usuaria utente dottore collègue collègues maître monsieur servicio atención soporte kundenservice kundendienst
station airport terminal hotel stadium arena cathedral palace tower church castle sir madam madame everybody all folks guys friends did does do has have had los las san santa saint welcome congrats congratulations remind invite ping message text
object i'm i’m i'll i’ll i've i’ve i'd i’d
são tech
american americans african africans indian indians chinese japanese korean vietnamese russian ukrainian polish canadian mexican
brazilian argentinian australian european europeans asian asians arab arabs muslim muslims jewish hindu catholic turkish greek swedish
norwegian finnish irish scottish portuguese israeli iranian iraqi pakistani egyptian nigerian kenyan spanish italian`.split(/\s+/),
);

/**
 * English personal pronouns, and German, French and Spanish determiners and pronouns: a capitalised pair starting with
 * one is a noun ("Mein Auto"), and one alone no name ("She was born…"). Only the first word is checked: as surnames
 * they are common ("Rahul Das", "Jack Ma", "Lisa Su", "Kaiming He").
 */
export const DETERMINERS = new Set(
  `he she they we you mein meine meinen meinem dein deine sein seine unser unsere euer eure ihr ihre der die das den dem des ein eine einen einem einer
kein keine dieser diese dieses jeder jede ich du er sie es wir mon ma mes ton ta tes son sa ses notre votre leur les une mi mis tu su sus
el la`.split(/\s+/),
);

/**
 * Prepositions and linking words ("as", "than", "still", "using") after a lower-case given name: the pair is no
 * name ("louis for", "carla with"), and a given name alone before one is as often a word ("adam for 10 epochs",
 * "round robin with sticky sessions").
 */
export const LINKING_WORDS = new Set(
  'for to with by per via into onto upon than as still currently under near down up out off over about after before from in at on of using'.split(' '),
);

/** Verbs and adverbs after a lower-case given name: the name ends there ("let lisa know", "call sandra right now"). */
export const FOLLOWING_WORDS = new Set(
  `instead else back again also always never just only even well too so very really still here there then now soon later today tomorrow tonight yesterday please
know knows knew take takes took allow allows right have has had having doesn didn isn wasn won can could should would will shall might must
may did does said says told asked wants needs likes thinks tell tells call calls called get gets got give gives gave goes went come comes came
see saw look looks sent send time telling saying used publish`.split(/\s+/),
);

/**
 * Given names that are also everyday words ("set max tokens", "a grace period", "mark down the price", "a frank
 * talk", "christian values"): in lower case they are a name only after a word that introduces a person.
 */
export const WORDLIKE_NAMES = new Set('max min per grace mark frank jack christian victoria oscar leo dag robin julia hugo adam milan charlotte nick roger bob sue pat rob'.split(' '));


/** Titles written alone before a name, in lower case: "Dr" in "Dr Weber", "mr" in "mr. elliott". */
export const TITLE_WORDS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady', 'frau', 'herr', 'madame', 'monsieur', 'señor', 'señora', 'signor', 'signora']);
