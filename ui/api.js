// The only file that calls into Rust. One function per command; a failed
// command becomes an Error with `.code` (not_found, conflict, invalid, …),
// `.field` when one form field is wrong, and a Chinese `.message`.

import { asciiJson } from './lib/ipc.js';

export class ApiError extends Error {
  constructor({ code, message, field }) {
    super(message);
    this.code = code;
    this.field = field ?? null;
  }
}

// Commands the window's shell answers itself — files chosen on this PC
// (with the import dialog's progress), its data folder, its login, its link
// to a host, sharing it on the intranet. Every other command goes through
// one door, `call`, into the command layer that the intranet host serves too.
export const WINDOW_COMMANDS = new Set([
  'host_link',
  'probe_host',
  'connect_host',
  'disconnect_host',
  'host_ping',
  'app_info',
  'check_database',
  'about',
  'export_diagnostics',
  'first_run',
  'mark_welcomed',
  'set_data_dir',
  'latest_good_backup',
  'login',
  'logout',
  'session_state',
  'daily_backup',
  'set_backup_folder',
  'backup_to_file',
  'intranet_status',
  'start_intranet',
  'stop_intranet',
  'install_intranet_certificate',
  'verify_backup',
  'restore_backup',
  'import_people',
  'import_books',
  'import_books_path',
  'add_share_attachment',
]);

// Files written for the user: made where the data is (here, or at the host)
// and saved in this PC's export folder.
export const EXPORT_COMMANDS = new Set([
  'export_books',
  'export_audit',
  'export_stocktake',
  'export_sessions_ics',
  'export_training_batch',
  'export_person_record',
  'export_unit_figures',
  'export_annual_report',
  'save_share_attachment',
]);

async function call(command, args = {}, options = undefined) {
  const tauri = globalThis.__TAURI__;
  if (!tauri) throw new ApiError({ code: 'internal', message: '界面未连接到书香程序，请从书香程序中打开。' });
  try {
    if (WINDOW_COMMANDS.has(command)) return await tauri.core.invoke(command, args, options);
    if (EXPORT_COMMANDS.has(command)) return await tauri.core.invoke('export', { command, args }, options);
    return await tauri.core.invoke('call', { command, args }, options);
  } catch (e) {
    if (e && typeof e === 'object' && 'code' in e) {
      if (e.code === 'unauthenticated' && command !== 'login') window.dispatchEvent(new CustomEvent('shuxiang:login-needed'));
      if (e.code === 'disconnected' && command !== 'host_ping') window.dispatchEvent(new CustomEvent('shuxiang:disconnected', { detail: e.message }));
      throw new ApiError(e);
    }
    throw new ApiError({ code: 'internal', message: `操作失败：${e}` });
  }
}

// A channel on which a long command reports how far it has got: each
// message goes to `onProgress`.
function progressChannel(onProgress) {
  const Channel = globalThis.__TAURI__?.core?.Channel;
  if (!Channel) return null;
  const channel = new Channel();
  channel.onmessage = (message) => onProgress?.(message);
  return channel;
}

// A file's bytes go as the request's body, as they are (as a JSON array of
// numbers a large spreadsheet took seconds); what the dialog chose goes in a
// header, as JSON in ASCII (`\uXXXX` for anything else).
function importFile(command, fileName, content, { dryRun, skipBadRows, columns = [], onProgress }) {
  const choices = { fileName, dryRun, skipBadRows, columns, onProgress: progressChannel(onProgress)?.toJSON() ?? '' };
  return call(command, content, { headers: { 'shuxiang-import': asciiJson(choices) } });
}

export const appInfo = () => call('app_info');
export const checkDatabase = () => call('check_database');
export const loadDemo = () => call('load_demo');

export const listPeople = (query) => call('list_people', { query });
export const getPerson = (id) => call('get_person', { id });
export const createPerson = (person) => call('create_person', { person });
export const updatePerson = (id, person) => call('update_person', { id, person });
export const setPersonActive = (id, active) => call('set_person_active', { id, active });
export const setReaderPin = (card, pin) => call('set_reader_pin', { card, pin });
export const importPeople = (fileName, content, options) => importFile('import_people', fileName, content, options);

export const listTitles = (query) => call('list_titles', { query });
export const titleDetail = (id) => call('title_detail', { id });
export const createTitle = (title, copies) => call('create_title', { title, copies });
export const updateTitle = (id, title) => call('update_title', { id, title });
export const addCopies = (titleId, copies) => call('add_copies', { titleId, copies });
export const titleByIsbn = (isbn) => call('title_by_isbn', { isbn });
export const suggestCallNumber = (clc) => call('suggest_call_number', { clc });
export const classPath = (code) => call('class_path', { code });
export const findClasses = (text) => call('find_classes', { text });
export const importBooks = (fileName, content, options) => importFile('import_books', fileName, content, options);
export const importBooksPath = (path, { dryRun, skipBadRows, columns = [], onProgress }) =>
  call('import_books_path', { path, dryRun, skipBadRows, columns, onProgress: progressChannel(onProgress) });
export const exportBooks = (kind) => call('export_books', { kind });
export const copyBarcodeNumbering = () => call('copy_barcode_numbering');
export const changeCopyBarcodeNumbering = (numbering) => call('change_copy_barcode_numbering', { numbering });

export const deskScan = (borrower, code) => call('desk_scan', { borrower, code });
export const borrower = (personId) => call('borrower', { personId });
export const lendCopy = (personId, copyId) => call('lend_copy', { personId, copyId });
export const returnCopy = (copyId) => call('return_copy', { copyId });
export const renewLoan = (loanId) => call('renew_loan', { loanId });
export const placeHold = (titleId, personId) => call('place_hold', { titleId, personId });
export const cancelHold = (holdId) => call('cancel_hold', { holdId });
export const expireHolds = () => call('expire_holds');
export const markCopy = (copyId, status, note) => call('mark_copy', { copyId, status, note });
export const overdueLoans = (query) => call('overdue_loans', { query });
export const circulationSummary = () => call('circulation_summary');
export const readyHolds = () => call('ready_holds');
export const titleHolds = (titleId) => call('title_holds', { titleId });
export const personLoans = (personId, limit = 100) => call('person_loans', { personId, limit });
export const copyLoans = (copyId, limit = 50) => call('copy_loans', { copyId, limit });
export const loanRules = () => call('loan_rules');
export const changeLoanRule = (rule) => call('change_loan_rule', { rule });
export const deskSettings = () => call('desk_settings');
export const changeDeskSettings = (settings) => call('change_desk_settings', { settings });
export const openDays = () => call('open_days');
export const changeClosedWeekdays = (weekdays) => call('change_closed_weekdays', { weekdays });
export const saveCalendarDay = (day) => call('save_calendar_day', { day });
export const removeCalendarDay = (day) => call('remove_calendar_day', { day });

export const stocktakes = () => call('stocktakes');
export const shelfLocations = () => call('shelf_locations');
export const startStocktake = (name, locations) => call('start_stocktake', { name, locations });
export const stocktakeScan = (stocktakeId, shelf, code) => call('stocktake_scan', { stocktakeId, shelf, code });
export const stocktakeReport = (stocktakeId) => call('stocktake_report', { stocktakeId });
export const finishStocktake = (stocktakeId, markMissingLost) => call('finish_stocktake', { stocktakeId, markMissingLost });
export const cancelStocktake = (stocktakeId) => call('cancel_stocktake', { stocktakeId });
export const exportStocktake = (stocktakeId) => call('export_stocktake', { stocktakeId });

export const copyLabels = (selection) => call('copy_labels', { selection });
export const cardLabels = (query) => call('card_labels', { query });
export const printSetup = () => call('print_setup');
export const savePrintSetup = (setup) => call('save_print_setup', { setup });

export const venues = () => call('venues');
export const createVenue = (venue) => call('create_venue', { venue });
export const updateVenue = (id, venue) => call('update_venue', { id, venue });
export const calendarEntries = (from, to) => call('calendar_entries', { from, to });
export const previewSeries = (draft, choices) => call('preview_series', { draft, choices });
export const createSeries = (draft, choices) => call('create_series', { draft, choices });
export const shareSeries = () => call('share_series');
export const shareSessions = (from, to, seriesId = null) => call('share_sessions', { from, to, seriesId });
export const shareSessionDetail = (id) => call('share_session_detail', { id });
export const createShareSession = (draft) => call('create_share_session', { draft });
export const updateShareSession = (id, draft) => call('update_share_session', { id, draft });
export const shareSessionConflicts = (id, draft) => call('share_session_conflicts', { id, draft });
export const setSharePresenters = (id, presenters) => call('set_share_presenters', { id, presenters });
export const shareInvite = (id, selection) => call('share_invite', { id, selection });
export const shareUninvite = (id, personId) => call('share_uninvite', { id, personId });
export const shareSignInCard = (id, code) => call('share_sign_in_card', { id, code });
export const shareTickSignIn = (id, personId, present) => call('share_tick_sign_in', { id, personId, present });
export const saveShareMinutes = (id, minutes) => call('save_share_minutes', { id, minutes });
// The file's bytes go as the body, as for an import.
export const addShareAttachment = (id, fileName, content) =>
  call('add_share_attachment', content, { headers: { 'shuxiang-attachment': asciiJson({ id, fileName }) } });
export const removeShareAttachment = (attachmentId) => call('remove_share_attachment', { attachmentId });
export const saveShareAttachment = (attachmentId) => call('save_share_attachment', { attachmentId });
export const shareFigures = (year) => call('share_figures', { year });
export const exportSessionsIcs = (from, to) => call('export_sessions_ics', { from, to });

export const trainingTopics = () => call('training_topics');
export const createTrainingTopic = (topic) => call('create_training_topic', { topic });
export const updateTrainingTopic = (id, topic) => call('update_training_topic', { id, topic });
export const trainingBatches = (topicId = null) => call('training_batches', { topicId });
export const createTrainingBatch = (batch) => call('create_training_batch', { batch });
export const updateTrainingBatch = (id, batch) => call('update_training_batch', { id, batch });
export const trainingBatchDetail = (id) => call('training_batch_detail', { id });
export const addTrainingSession = (batchId, session) => call('add_training_session', { batchId, session });
export const updateTrainingSession = (id, session) => call('update_training_session', { id, session });
export const trainingSessionConflicts = (batchId, id, session) => call('training_session_conflicts', { batchId, id, session });
export const enrolCheck = (batchId, personId) => call('enrol_check', { batchId, personId });
export const enrolDeputies = (batchId, selection) => call('enrol_deputies', { batchId, selection });
export const enrolFromFile = (batchId, fileName, content) => call('enrol_from_file', { batchId, fileName, content: Array.from(content) });
export const withdrawEnrolment = (batchId, personId) => call('withdraw_enrolment', { batchId, personId });
export const proposeAssignment = (topicId, personIds = null, pins = []) => call('propose_assignment', { topicId, personIds, pins });
export const confirmAssignment = (placements) => call('confirm_assignment', { placements });
export const markAttendance = (sessionId, personId, status) => call('mark_attendance', { sessionId, personId, status });
export const attendanceScan = (sessionId, code) => call('attendance_scan', { sessionId, code });
export const setCompletionPercent = (percent) => call('set_completion_percent', { percent });
export const trainingCoverage = (year) => call('training_coverage', { year });
export const trainingHistory = (personId) => call('training_history', { personId });
export const exportTrainingBatch = (batchId) => call('export_training_batch', { batchId });

export const dashboard = () => call('dashboard');
export const personRecord = (personId, from, to) => call('person_record', { personId, from, to });
export const unitFigures = (byGroup, from, to) => call('unit_figures', { byGroup, from, to });
export const annualReport = (year) => call('annual_report', { year });
export const exportPersonRecord = (personId, from, to) => call('export_person_record', { personId, from, to });
export const exportUnitFigures = (byGroup, from, to) => call('export_unit_figures', { byGroup, from, to });
export const exportAnnualReport = (year) => call('export_annual_report', { year });

export const backups = () => call('backups');
export const backupFolder = () => call('backup_folder');
export const setBackupFolder = (dir) => call('set_backup_folder', { dir });
export const backupNow = () => call('backup_now');
export const backupToFile = (path) => call('backup_to_file', { path });
export const dailyBackup = () => call('daily_backup');
export const intranetStatus = () => call('intranet_status');
export const hostLink = () => call('host_link');
export const probeHost = (address) => call('probe_host', { address });
export const connectHost = (address, fingerprint) => call('connect_host', { address, fingerprint });
export const disconnectHost = () => call('disconnect_host');
export const hostPing = () => call('host_ping');
export const startIntranet = (port) => call('start_intranet', { port });
export const stopIntranet = () => call('stop_intranet');
export const installIntranetCertificate = (cert, key) => call('install_intranet_certificate', { cert, key });
export const verifyBackup = (path, password = null) => call('verify_backup', { path, password });
export const restoreBackup = (path, password = null) => call('restore_backup', { path, password });
export const clearAllData = () => call('clear_all_data');
export const setBackupPassword = (password) => call('set_backup_password', { password });
export const backupPasswordSet = () => call('backup_password_set');

export const auditLog = (query) => call('audit_log', { query });
export const auditActors = () => call('audit_actors');
export const exportAudit = (query) => call('export_audit', { query });

export const login = (name, password) => call('login', { name, password });
export const logout = () => call('logout');
export const sessionState = (active) => call('session_state', { active });
export const operators = () => call('operators');
export const createOperator = (operator) => call('create_operator', { operator });
export const editOperator = (id, role, active) => call('edit_operator', { id, role, active });
export const resetOperatorPassword = (name, password) => call('reset_operator_password', { name, password });
export const latestGoodBackup = () => call('latest_good_backup');
export const about = () => call('about');
export const exportDiagnostics = () => call('export_diagnostics');
export const firstRun = () => call('first_run');
export const markWelcomed = () => call('mark_welcomed');
export const setDataDir = (dir) => call('set_data_dir', { dir });
