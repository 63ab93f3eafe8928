# Messages propres à chaque page (ceux qui sont partagés sont dans common.ftl).

## login.html
login-title = Connexion
login-username = Identifiant
login-password = Mot de passe
login-submit = Se connecter

## articles.html
articles-title = Articles
articles-load = Charger un article
articles-empty = Aucun article pour l'instant.
articles-empty-editor = Chargez-en un pour commencer.
articles-col-title = Titre
articles-col-outlet = Média
articles-col-published = Publié le
articles-col-language = Langue
articles-col-status = État

## article_new.html
article-new-title = Charger un article
article-new-field-title = Titre
article-new-field-title-placeholder = Repris du texte s'il est laissé vide
article-new-outlet = Média
article-new-url = URL
article-new-published = Publié le
article-new-language = Langue
article-new-detect = Détecter
article-new-text = Texte
article-new-text-placeholder = Collez ici le texte de l'article
article-new-upload = …ou envoyez un fichier (.txt, .md, .html)
article-new-submit = Charger et découper en énoncés

## error.html
error-title = Erreur { $status }
error-not-found = Page introuvable
error-forbidden = Accès refusé
error-generic = Une erreur s'est produite
error-back = Retour aux articles

## activity.html
activity-title = Activité : { $title }
activity-heading = Activité
activity-when = Quand
activity-who = Qui
activity-what = Quoi
activity-on = Sur
activity-changes = Modifications
activity-entity-statement = énoncé
activity-none = (vide)
activity-details = détails
activity-no-more = Aucun autre événement.
activity-later = Événements suivants →

## queue.html
queue-title = Ma file
queue-hint = Les énoncés qui vous sont attribués et attendent un verdict. Les verdicts rejetés reviennent ici avec le motif du rejet.
queue-kind = Type
queue-any = tous
queue-state = État
queue-state-rejected = rejeté, à refaire
queue-order = Tri
queue-sort-score = les plus utiles à vérifier d'abord
queue-sort-article = article par article
queue-sort-recent = modifiés récemment d'abord
queue-show = Afficher
queue-empty = Rien à vérifier.
queue-range = { $first }–{ $last } sur { $total }
queue-statement = Énoncé
queue-article = Article
queue-score = Score
queue-pages-label = Pages de la file
queue-previous = ← précédente
queue-page = page { $page } sur { $pages }
queue-next = suivante →
queue-approvals = En attente de votre approbation
queue-approvals-hint = Les verdicts d'autres vérificateurs qui doivent être validés par une seconde personne avant d'être définitifs.
queue-approvals-empty = Aucun verdict n'attend votre approbation.
queue-verdict = Verdict
queue-by = Par
queue-note = Note

## statement.html
statement-title = Énoncé
statement-back = ← Retour à l'article
statement-kind = Type
statement-span = Position
statement-span-bytes = octets { $start }–{ $end }
statement-gloss = Glose en anglais
statement-values = Valeurs
statement-found-by = Repéré par
statement-origin-extracted = extraction automatique
statement-origin-manual = sélection manuelle
statement-score = intérêt à vérifier
statement-verdict = Verdict
statement-approval = approbation :
statement-assigned-to = Attribué à
statement-note = Note
statement-sources = Sources
statement-edit = Modifier ou supprimer cet énoncé
statement-correction-reason = Motif de la correction
statement-delete-confirm = Supprimer cet énoncé ? Son historique reste dans le journal d'audit.
statement-delete = Supprimer l'énoncé
statement-discussion = Discussion
statement-mentions = mentionne { $names }
statement-no-comment = Aucun commentaire pour l'instant.
statement-comment-label = Participer à la discussion (mentionnez quelqu'un avec @identifiant)
statement-post = Publier
statement-history = Historique
statement-when = Quand
statement-who = Qui
statement-what = Quoi
statement-changes = Modifications
statement-none = (vide)
statement-details = détails

## users.html
users-title = Utilisateurs
users-username = Identifiant
users-name = Nom
users-role = Rôle
users-status = État
users-disabled = désactivé
users-active = actif
users-enable = Réactiver
users-disable = Désactiver
users-add = Ajouter un utilisateur
users-display-name = Nom affiché
users-password = Mot de passe (10 caractères au moins)
users-create = Créer l'utilisateur

## tokens.html
tokens-title = Jetons d'API
tokens-hint-send = Pour les intégrations (un CMS, un script) : envoyez
tokens-hint-token = JETON
tokens-hint-role = . Un jeton agit avec votre rôle jusqu'à ce que vous le révoquiez.
tokens-created-new = Votre nouveau jeton
tokens-created-copy = . Copiez-le maintenant : il ne sera plus jamais affiché.
tokens-name-label = Nom (ce qui l'utilise)
tokens-create = Créer un jeton
tokens-name = Nom
tokens-created = Créé le
tokens-status = État
tokens-revoked = révoqué le
tokens-active = actif
tokens-revoke-confirm = Révoquer ce jeton ? Les intégrations qui l'utilisent cesseront de fonctionner.
tokens-revoke = Révoquer
tokens-empty = Aucun jeton pour l'instant.

nav-search = Recherche
nav-facts = Base de faits
search-title = Recherche
search-label = Chercher dans les affirmations, notes et sources
search-button = Chercher
search-any-verdict = tout verdict
search-any-kind = tout type
search-from = du
search-to = au
search-reviewer = vérificateur
search-results = { $count ->
    [one] 1 affirmation
   *[other] { $count } affirmations
}
search-none = Aucun résultat.
search-in = dans
facts-title = Base de faits
facts-intro = Les faits de référence de la rédaction. Les affirmations qui nomment un sujet sont pré-vérifiées sur la page de relecture : une suggestion avec son calcul, jamais un verdict.
facts-subject = Sujet
facts-aliases = Autres noms (séparés par des virgules)
facts-attribute = Attribut
facts-value = Valeur
facts-unit = Unité
facts-date = Date
facts-source = Source
facts-add = Ajouter le fait
facts-delete = Supprimer
facts-delete-confirm = Supprimer ce fait ? Le journal d’audit le garde.
facts-none = Aucun fait pour l’instant.
