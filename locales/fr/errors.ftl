# Pages d'erreur : leurs titres, et ce qu'elles disent quand on n'en sait pas plus.

error-title-400 = Impossible de lire la demande
error-title-401 = Veuillez vous connecter
error-title-403 = Non autorisé
error-title-404 = Introuvable
error-title-409 = Conflit avec une autre modification
error-title-410 = Ce lien ne fonctionne plus
error-title-413 = Trop de choses à la fois
error-title-422 = Veuillez vérifier votre saisie
error-title-429 = Trop de tentatives
error-title-500 = Une erreur s'est produite
error-title-502 = Réponse invalide d'un service utilisé par aisle
error-title-503 = Indisponible pour le moment
error-title-504 = Un service utilisé par aisle n'a pas répondu à temps

error-default-400 = une partie de ce qui a été envoyé n'a pas pu être lue ; revenez en arrière, rechargez la page et réessayez
error-default-401 = vous devez d'abord vous connecter
error-default-403 = vous n'êtes pas autorisé à faire cela
error-default-404 = il n'y a rien à cette adresse ; elle a peut-être été supprimée, ou le lien est périmé
error-default-409 = cela entre en conflit avec une modification faite entre-temps ; rechargez la page et réessayez
error-default-413 = c'est plus que ce qu'aisle accepte en une fois ; envoyez moins, ou découpez en plusieurs parties
error-default-422 = une partie de ce qui a été envoyé n'est pas dans une forme qu'aisle comprend ; revenez en arrière, rechargez la page et réessayez
error-default-429 = il y a eu trop de tentatives ; patientez un peu et réessayez
error-default-500 = une erreur s'est produite sur le serveur ; elle a été enregistrée, réessayez dans un instant
error-default-502 = un service dont aisle dépend n'a pas donné de réponse utilisable ; réessayez plus tard
error-default-503 = le serveur est occupé ou pas encore prêt ; réessayez dans un instant
error-not-found = il n'y a rien ici : l'élément a peut-être été supprimé, ou le lien est périmé
error-busy = la base de données est occupée ; réessayez dans un instant
# $wait est l'un des messages wait-… ci-dessous.
error-too-many = trop de tentatives ; réessayez dans { $wait }
wait-seconds = { $n ->
    [one] { $n } seconde
   *[other] { $n } secondes
}
wait-minutes = { $n ->
    [one] environ { $n } minute
   *[other] environ { $n } minutes
}
wait-hours = { $n ->
    [one] environ { $n } heure
   *[other] environ { $n } heures
}

error-go-back = Retour
error-your-lists = Vos listes
error-log-in = Se connecter
error-code = Code d'erreur { $code }

offline-title = Hors ligne
offline-heading = Vous êtes hors ligne
offline-text = Cette page n'a pas été enregistrée sur ce téléphone. Les listes que vous avez déjà ouvertes fonctionnent toujours hors ligne, et les modifications que vous y faites sont conservées puis envoyées au retour de la connexion.
offline-try = Essayer vos listes
