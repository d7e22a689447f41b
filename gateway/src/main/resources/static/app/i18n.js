// French by default, English on request (kept in localStorage). t('key', {name}) fills {name}.
const fr = {
  'app.admin': '— administration',
  'nav.skip': 'Aller au contenu', 'nav.label': 'Sections', 'nav.logout': 'Se déconnecter',
  'nav.guardians': 'Responsables', 'nav.generate': 'Mots de passe', 'nav.messages': 'Messages',
  'nav.rejects': 'Rejets',
  'nav.signedInAs': 'Connecté : {user}',
  'role.ADMIN': 'administrateur', 'role.OPERATOR': 'opérateur', 'role.PORTAL': 'Portail Famille',
  'login.title': "Connexion à l'administration", 'login.username': "Nom d'utilisateur", 'login.password': 'Mot de passe',
  'login.submit': 'Se connecter', 'login.error': "Nom d'utilisateur ou mot de passe incorrect. Vérifiez-les et réessayez.",
  'login.loggedOut': 'Vous êtes déconnecté.',
  'noAccess.title': 'Accès refusé', 'noAccess.text': "Ce compte ne donne pas accès à l'administration. Déconnectez-vous et connectez-vous avec un compte administrateur ou opérateur.",
  'alert.error': 'Erreur :', 'alert.close': 'Fermer',
  'action.search': 'Rechercher', 'action.edit': 'Modifier', 'action.remove': "Retirer l'adresse", 'action.save': 'Enregistrer',
  'action.cancel': 'Annuler', 'action.open': 'Ouvrir', 'action.close': 'Fermer',
  'loading': 'Chargement…',
  'pager.label': 'Pages', 'pager.previous': '‹ Précédente', 'pager.next': 'Suivante ›',
  'pager.position': 'Page {page} sur {pages} — {total} au total',
  'col.name': 'Nom', 'col.email': 'Adresse e-mail', 'col.access': 'Mot de passe', 'col.actions': 'Actions',
  'col.select': 'Choisir', 'col.status': 'Statut', 'col.date': 'Date', 'col.attempts': 'Tentatives',
  'access.NONE': 'Aucun', 'access.ISSUED': 'Envoyé (temporaire)', 'access.ACTIVE': 'Actif', 'access.EXPIRED': 'Expiré',
  'access.LOCKED': 'Bloqué', 'access.expires': 'Expire le {date}',
  'guardians.title': 'Responsables', 'guardians.lead': "Les adresses e-mail des responsables : modifiez-en une, ou importez une liste.",
  'guardians.search': 'Rechercher un responsable (nom ou adresse e-mail)', 'guardians.searchHint': 'ex. Lefèvre',
  'guardians.filter': 'Adresse e-mail', 'guardians.filter.all': 'Tous', 'guardians.filter.true': 'Avec adresse e-mail',
  'guardians.filter.false': 'Sans adresse e-mail', 'guardians.none': 'Aucun responsable ne correspond à cette recherche.',
  'guardians.count': '{total} responsables', 'guardians.noEmail': 'Pas d’adresse e-mail',
  'guardians.editFor': "Modifier l'adresse e-mail de {name}", 'guardians.removeFor': "Retirer l'adresse e-mail de {name}",
  'guardians.emailOf': 'Adresse e-mail de {name}', 'guardians.saved': 'Adresse de {name} enregistrée : {email}.',
  'guardians.confirmRemove': "Retirer l'adresse e-mail de {name} ? Ce responsable ne pourra plus recevoir de mot de passe.",
  'guardians.removed': "L'adresse e-mail de {name} a été retirée.",
  'import.title': 'Importer des adresses e-mail', 'import.paste': 'Collez le contenu CSV',
  'import.help': 'Première ligne : guardianId,email ou source,externalId,email (séparateur « , » ou « ; »).',
  'import.file': '… ou choisissez un fichier CSV', 'import.submit': 'Importer', 'import.running': 'Import en cours…',
  'import.empty': "Collez des lignes CSV ou choisissez un fichier avant d'importer.",
  'import.done': 'Import terminé : {updated} mises à jour, {unchanged} inchangées, {rejected} rejetées.',
  'import.report': "Compte rendu de l'import", 'import.total': 'lignes', 'import.updated': 'mises à jour',
  'import.unchanged': 'inchangées', 'import.rejected': 'rejetées', 'import.rejectedRows': 'Lignes rejetées',
  'import.line': 'Ligne', 'import.content': 'Contenu', 'import.reason': 'Motif',
  'import.toFix': 'Lignes rejetées à corriger puis réimporter', 'import.copy': 'Copier les lignes rejetées',
  'import.copied': 'Copié', 'import.allRows': 'Toutes les lignes',
  'import.status.UPDATED': 'Mise à jour', 'import.status.UNCHANGED': 'Inchangée', 'import.status.REJECTED': 'Rejetée',
  'generate.title': 'Générer les mots de passe',
  'generate.lead': "Cochez les responsables qui doivent recevoir un mot de passe Portail Famille. Seuls ceux qui ont une adresse e-mail peuvent être choisis. Les messages partent par traitement par lot.",
  'generate.selectPage': 'Cocher tous les éligibles de cette page', 'generate.selectMatching': 'Cocher tous les éligibles de cette recherche',
  'generate.clear': 'Tout décocher', 'generate.selected': '{count} responsable(s) coché(s)',
  'generate.submit': 'Générer les mots de passe ({count})', 'generate.noEmail': "Ne peut pas être coché : pas d'adresse e-mail",
  'generate.tooMany': 'Au plus {max} responsables par traitement par lot.',
  'generate.confirmTitle': 'Confirmer la génération',
  'generate.confirmText': '{count} responsable(s) recevront par e-mail leur identifiant et un mot de passe temporaire. Un mot de passe déjà envoyé sera remplacé.',
  'generate.confirm': 'Générer pour {count} responsable(s)',
  'batch.title': 'Avancement du traitement par lot', 'batch.accepted': '{accepted} mot(s) de passe demandé(s) sur {requested}.',
  'batch.rejected': '{count} responsable(s) refusé(s) (pas d’adresse e-mail ou inconnu).',
  'batch.issued': 'Générés', 'batch.delivered': 'Envoyés', 'batch.failed': 'En échec',
  'batch.running': 'En cours : les messages partent au prochain envoi groupé…',
  'batch.done': 'Terminé : {delivered} message(s) envoyé(s).', 'batch.doneWithFailures': 'Terminé : {delivered} envoyé(s), {failed} en échec.',
  'batch.messages': 'Voir les messages de ce lot',
  'messages.title': 'Messages', 'messages.lead': 'Tous les messages envoyés aux responsables, à rechercher et filtrer.',
  'messages.words': 'Mots', 'messages.subject': 'Objet', 'messages.recipient': 'Destinataire', 'messages.anyStatus': 'Tous',
  'messages.batch': 'Lot', 'messages.from': 'Du', 'messages.to': 'Au', 'messages.none': 'Aucun message ne correspond à ces filtres.',
  'messages.count': '{total} messages', 'messages.openFor': 'Ouvrir le message à {recipient}',
  'messages.replayAll': 'Renvoyer tous les messages en échec (lot et dates filtrés)',
  'messages.replayAllConfirm': '{count} message(s) en échec du lot et des dates filtrés (les autres filtres ne comptent pas ici) seront remis dans la file d’envoi. Continuer ?',
  'messages.noFailed': 'Aucun message en échec ne correspond à ce filtre.',
  'messages.replayedAll': '{count} message(s) remis dans la file d’envoi.',
  'messages.detail': 'Détail du message', 'messages.requestedBy': 'Demandé par', 'messages.created': 'Créé le',
  'messages.scheduled': 'Envoi prévu', 'messages.sent': 'Envoyé le', 'messages.lastError': 'Dernière erreur',
  'messages.body': 'Contenu (mot de passe masqué)', 'messages.reveal': 'Afficher le mot de passe',
  'messages.revealRecorded': 'Chaque affichage du mot de passe est enregistré (qui, quand).',
  'messages.revealDone': 'Cet affichage a été enregistré.', 'messages.password': 'Mot de passe :',
  'messages.reveals': 'Affichages enregistrés', 'messages.revealedBy': 'par {by} le {at}',
  'messages.replay': 'Renvoyer ce message', 'messages.replayed': 'Le message à {recipient} est remis dans la file d’envoi.',
  'rejects.title': 'Enregistrements refusés',
  'rejects.lead': "Les enregistrements que les services ont refusés, flux par flux, avec le motif. Une fois la cause corrigée (un stockage indisponible pendant les nouvelles tentatives, une règle modifiée), renvoyez-les : ils sont appliqués, ou reviennent ici avec leur nouveau motif.",
  'rejects.feed': 'Flux', 'rejects.feed.guardian.updates.v1': 'Fiches des systèmes du district',
  'rejects.feed.guardian.email-updated.v1': 'Adresses e-mail transmises aux mots de passe',
  'rejects.feed.credential.commands.v1': 'Demandes de mot de passe', 'rejects.feed.credential.issued.v1': 'Mots de passe à envoyer',
  'rejects.feed.notification.status-changed.v1': "États d'envoi des messages",
  'rejects.key': 'Clé', 'rejects.reason': 'Motif', 'rejects.payload': 'Enregistrement reçu', 'rejects.redrives': 'Renvois',
  'rejects.none': 'Aucun enregistrement refusé dans ce flux.', 'rejects.count': '{total} enregistrements refusés',
  'rejects.again': '(refusé à nouveau après un renvoi)', 'rejects.redrivenBy': 'par {by} le {at}',
  'rejects.redrive': 'Renvoyer', 'rejects.redriveFor': "Renvoyer l'enregistrement {key}",
  'rejects.redriven': "L'enregistrement {key} est renvoyé.",
  'rejects.redriveAll': 'Renvoyer tous ceux jamais renvoyés',
  'rejects.redriveAllConfirm': "{count} enregistrement(s) refusé(s) de ce flux, jamais renvoyé(s), seront renvoyés, du plus ancien au plus récent. Continuer ?",
  'rejects.noneToRedrive': "Aucun enregistrement de ce flux n'attend de renvoi.",
  'rejects.redriven.all': 'Tous', 'rejects.redriven.false': 'Jamais renvoyés', 'rejects.redriven.true': 'Déjà renvoyés',
  'rejects.redrivenAll': '{count} enregistrement(s) renvoyé(s).',
  'rejects.waiting': '{count} jamais renvoyé(s)',
  'status.PENDING': 'En attente', 'status.SENDING': 'En cours d’envoi', 'status.SENT': 'Envoyé', 'status.FAILED': 'En échec',
  'error.network': 'Le serveur ne répond pas. Vérifiez votre connexion et réessayez.',
  'error.400': 'La demande est incorrecte.', 'error.401': 'Votre session a expiré : rechargez la page et reconnectez-vous.',
  'error.403': "Vous n'avez pas le droit de faire cette action.", 'error.csrf': 'La page a expiré : rechargez-la et réessayez.',
  'error.404': "Cet élément n'existe pas (ou plus).", 'error.409': "Cette action n'est pas possible dans l'état actuel.",
  'error.413': 'La demande est trop volumineuse.', 'error.423': 'Ce compte est bloqué pour le moment.',
  'error.500': 'Une erreur inattendue est survenue sur le serveur.', 'error.502': 'Un service ne répond pas correctement.',
  'error.503': 'Un service est momentanément indisponible ; réessayez dans un instant.', 'error.504': 'Un service a mis trop de temps à répondre ; réessayez.',
  'error.other': 'Le serveur a répondu par une erreur ({status}).', 'error.detail': 'Détail :',
};

const en = {
  'app.admin': '— administration',
  'nav.skip': 'Skip to content', 'nav.label': 'Sections', 'nav.logout': 'Sign out',
  'nav.guardians': 'Guardians', 'nav.generate': 'Passwords', 'nav.messages': 'Messages', 'nav.signedInAs': 'Signed in: {user}',
  'nav.rejects': 'Refused records',
  'role.ADMIN': 'administrator', 'role.OPERATOR': 'operator', 'role.PORTAL': 'Family portal',
  'login.title': 'Sign in to administration', 'login.username': 'User name', 'login.password': 'Password', 'login.submit': 'Sign in',
  'login.error': 'Wrong user name or password. Check them and try again.', 'login.loggedOut': 'You are signed out.',
  'noAccess.title': 'Access denied', 'noAccess.text': 'This account cannot use the administration. Sign out and sign in as an administrator or operator.',
  'alert.error': 'Error:', 'alert.close': 'Close',
  'action.search': 'Search', 'action.edit': 'Edit', 'action.remove': 'Remove email', 'action.save': 'Save', 'action.cancel': 'Cancel',
  'action.open': 'Open', 'action.close': 'Close', 'loading': 'Loading…',
  'pager.label': 'Pages', 'pager.previous': '‹ Previous', 'pager.next': 'Next ›', 'pager.position': 'Page {page} of {pages} — {total} in all',
  'col.name': 'Name', 'col.email': 'Email', 'col.access': 'Password', 'col.actions': 'Actions', 'col.select': 'Select',
  'col.status': 'Status', 'col.date': 'Date', 'col.attempts': 'Attempts',
  'access.NONE': 'None', 'access.ISSUED': 'Sent (temporary)', 'access.ACTIVE': 'Active', 'access.EXPIRED': 'Expired',
  'access.LOCKED': 'Locked', 'access.expires': 'Expires {date}',
  'guardians.title': 'Guardians', 'guardians.lead': "Guardians' email addresses: edit one, or import a list.",
  'guardians.search': 'Find a guardian (name or email)', 'guardians.searchHint': 'e.g. Lefèvre', 'guardians.filter': 'Email',
  'guardians.filter.all': 'All', 'guardians.filter.true': 'With an email', 'guardians.filter.false': 'Without an email',
  'guardians.none': 'No guardian matches this search.', 'guardians.count': '{total} guardians', 'guardians.noEmail': 'No email',
  'guardians.editFor': 'Edit the email of {name}', 'guardians.removeFor': 'Remove the email of {name}',
  'guardians.emailOf': 'Email of {name}', 'guardians.saved': "{name}'s email saved: {email}.",
  'guardians.confirmRemove': "Remove {name}'s email? This guardian will no longer be able to receive a password.",
  'guardians.removed': "{name}'s email was removed.",
  'import.title': 'Import email addresses', 'import.paste': 'Paste CSV content',
  'import.help': 'First line: guardianId,email or source,externalId,email ("," or ";").', 'import.file': '… or choose a CSV file',
  'import.submit': 'Import', 'import.running': 'Importing…', 'import.empty': 'Paste CSV lines or choose a file first.',
  'import.done': 'Import finished: {updated} updated, {unchanged} unchanged, {rejected} rejected.',
  'import.report': 'Import report', 'import.total': 'rows', 'import.updated': 'updated', 'import.unchanged': 'unchanged',
  'import.rejected': 'rejected', 'import.rejectedRows': 'Rejected rows', 'import.line': 'Line', 'import.content': 'Content',
  'import.reason': 'Reason', 'import.toFix': 'Rejected rows, to fix and import again', 'import.copy': 'Copy the rejected rows',
  'import.copied': 'Copied', 'import.allRows': 'All rows',
  'import.status.UPDATED': 'Updated', 'import.status.UNCHANGED': 'Unchanged', 'import.status.REJECTED': 'Rejected',
  'generate.title': 'Generate passwords',
  'generate.lead': 'Tick the guardians who should receive a family portal password. Only guardians with an email can be ticked. Messages leave in batches.',
  'generate.selectPage': 'Tick all eligible on this page', 'generate.selectMatching': 'Tick all eligible matching this search',
  'generate.clear': 'Untick all', 'generate.selected': '{count} guardian(s) ticked', 'generate.submit': 'Generate passwords ({count})',
  'generate.noEmail': 'Cannot be ticked: no email', 'generate.tooMany': 'At most {max} guardians per batch.',
  'generate.confirmTitle': 'Confirm', 'generate.confirmText': '{count} guardian(s) will receive their login and a temporary password by email. A password already sent is replaced.',
  'generate.confirm': 'Generate for {count} guardian(s)',
  'batch.title': 'Batch progress', 'batch.accepted': '{accepted} password(s) requested out of {requested}.',
  'batch.rejected': '{count} guardian(s) refused (no email or unknown).', 'batch.issued': 'Generated', 'batch.delivered': 'Delivered',
  'batch.failed': 'Failed', 'batch.running': 'Running: messages leave at the next delivery window…',
  'batch.done': 'Done: {delivered} message(s) delivered.', 'batch.doneWithFailures': 'Done: {delivered} delivered, {failed} failed.',
  'batch.messages': "See this batch's messages",
  'messages.title': 'Messages', 'messages.lead': 'Every message sent to guardians, to search and filter.', 'messages.words': 'Words',
  'messages.subject': 'Subject', 'messages.recipient': 'Recipient', 'messages.anyStatus': 'Any', 'messages.batch': 'Batch',
  'messages.from': 'From', 'messages.to': 'To', 'messages.none': 'No message matches these filters.', 'messages.count': '{total} messages',
  'messages.openFor': 'Open the message to {recipient}', 'messages.replayAll': 'Resend all failed messages (filtered batch and dates)',
  'messages.replayAllConfirm': '{count} failed message(s) of the filtered batch and dates (the other filters do not apply here) will be queued again. Continue?',
  'messages.noFailed': 'No failed message matches this filter.', 'messages.replayedAll': '{count} message(s) queued again.',
  'messages.detail': 'Message detail', 'messages.requestedBy': 'Requested by', 'messages.created': 'Created',
  'messages.scheduled': 'Scheduled for', 'messages.sent': 'Sent', 'messages.lastError': 'Last error',
  'messages.body': 'Body (password masked)', 'messages.reveal': 'Reveal the password',
  'messages.revealRecorded': 'Every reveal of the password is recorded (who, when).', 'messages.revealDone': 'This reveal was recorded.',
  'messages.password': 'Password:', 'messages.reveals': 'Recorded reveals', 'messages.revealedBy': 'by {by} on {at}',
  'messages.replay': 'Resend this message', 'messages.replayed': 'The message to {recipient} is queued again.',
  'rejects.title': 'Refused records',
  'rejects.lead': 'The records the services refused, feed by feed, with the reason. Once the cause is fixed (a store unavailable through the retries, a rule changed), send them again: they are applied, or come back here with their new reason.',
  'rejects.feed': 'Feed', 'rejects.feed.guardian.updates.v1': "District systems' records",
  'rejects.feed.guardian.email-updated.v1': 'Email addresses passed on to passwords',
  'rejects.feed.credential.commands.v1': 'Password requests', 'rejects.feed.credential.issued.v1': 'Passwords to send',
  'rejects.feed.notification.status-changed.v1': "Messages' delivery states",
  'rejects.key': 'Key', 'rejects.reason': 'Reason', 'rejects.payload': 'Record received', 'rejects.redrives': 'Sent again',
  'rejects.none': 'No refused record in this feed.', 'rejects.count': '{total} refused records',
  'rejects.again': '(refused again after being sent again)', 'rejects.redrivenBy': 'by {by} on {at}',
  'rejects.redrive': 'Send again', 'rejects.redriveFor': 'Send the record {key} again',
  'rejects.redriven': 'The record {key} is sent again.',
  'rejects.redriveAll': 'Send again all never sent again',
  'rejects.redriveAllConfirm': '{count} refused record(s) of this feed, never sent again, will be sent again, oldest first. Continue?',
  'rejects.noneToRedrive': 'No record of this feed waits to be sent again.',
  'rejects.redriven.all': 'All', 'rejects.redriven.false': 'Never sent again', 'rejects.redriven.true': 'Sent again',
  'rejects.redrivenAll': '{count} record(s) sent again.',
  'rejects.waiting': '{count} never sent again',
  'status.PENDING': 'Pending', 'status.SENDING': 'Sending', 'status.SENT': 'Sent', 'status.FAILED': 'Failed',
  'error.network': 'The server does not answer. Check your connection and try again.', 'error.400': 'The request is not valid.',
  'error.401': 'Your session has expired: reload the page and sign in again.', 'error.403': 'You are not allowed to do this.',
  'error.csrf': 'The page has expired: reload it and try again.', 'error.404': 'This item does not exist (any more).',
  'error.409': 'This is not possible in the current state.', 'error.413': 'The request is too large.',
  'error.423': 'This account is locked for now.', 'error.500': 'An unexpected error happened on the server.',
  'error.502': 'A service answered wrongly.', 'error.503': 'A service is unavailable for a moment; try again shortly.',
  'error.504': 'A service took too long to answer; try again.', 'error.other': 'The server answered with an error ({status}).',
  'error.detail': 'Detail:',
};

const dictionaries = { fr, en };
let language = localStorage.getItem('lang') === 'en' ? 'en' : 'fr';

/** The language of the screens, also asked of the services for the reasons they give ('fr' or 'en'). */
export function currentLanguage() {
  return language;
}

export function t(key, params = {}) {
  const text = dictionaries[language][key] ?? fr[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (params[name] ?? match));
}

export function formatDate(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

export function applyTranslations(root) {
  document.documentElement.lang = language;
  for (const element of root.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  for (const element of root.querySelectorAll('[data-i18n-attr]')) {
    const [attribute, key] = element.dataset.i18nAttr.split(':');
    element.setAttribute(attribute, t(key));
  }
  const button = document.getElementById('lang-switch');
  if (button) {
    button.textContent = language === 'fr' ? 'English' : 'Français';
    button.lang = language === 'fr' ? 'en' : 'fr';
  }
}

export function setupLanguageSwitch(onChange) {
  document.getElementById('lang-switch')?.addEventListener('click', () => {
    language = language === 'fr' ? 'en' : 'fr';
    localStorage.setItem('lang', language);
    onChange();
  });
}
