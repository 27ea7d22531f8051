// The only file that calls into Rust. One function per command; a failed
// command becomes an Error with `.code` (not_found, conflict, invalid, …),
// `.field` when one form field is wrong, and a Chinese `.message`.

export class ApiError extends Error {
  constructor({ code, message, field }) {
    super(message);
    this.code = code;
    this.field = field ?? null;
  }
}

async function call(command, args = {}) {
  const tauri = globalThis.__TAURI__;
  if (!tauri) throw new ApiError({ code: 'internal', message: '界面未连接到书香程序，请从书香程序中打开。' });
  try {
    return await tauri.core.invoke(command, args);
  } catch (e) {
    if (e && typeof e === 'object' && 'code' in e) throw new ApiError(e);
    throw new ApiError({ code: 'internal', message: `操作失败：${e}` });
  }
}

export const appInfo = () => call('app_info');
export const checkDatabase = () => call('check_database');
export const loadDemo = () => call('load_demo');

export const listPeople = (query) => call('list_people', { query });
export const getPerson = (id) => call('get_person', { id });
export const createPerson = (person) => call('create_person', { person });
export const updatePerson = (id, person) => call('update_person', { id, person });
export const setPersonActive = (id, active) => call('set_person_active', { id, active });
export const importPeople = (fileName, content, { dryRun, skipBadRows, columns = [] }) =>
  call('import_people', { fileName, content: Array.from(content), dryRun, skipBadRows, columns });

export const listTitles = (query) => call('list_titles', { query });
export const titleDetail = (id) => call('title_detail', { id });
export const createTitle = (title, copies) => call('create_title', { title, copies });
export const updateTitle = (id, title) => call('update_title', { id, title });
export const addCopies = (titleId, copies) => call('add_copies', { titleId, copies });
export const titleByIsbn = (isbn) => call('title_by_isbn', { isbn });
export const suggestCallNumber = (clc) => call('suggest_call_number', { clc });
export const classPath = (code) => call('class_path', { code });
export const findClasses = (text) => call('find_classes', { text });
export const importBooks = (fileName, content, { dryRun, skipBadRows, columns = [] }) =>
  call('import_books', { fileName, content: Array.from(content), dryRun, skipBadRows, columns });
export const importBooksPath = (path, { dryRun, skipBadRows, columns = [] }) =>
  call('import_books_path', { path, dryRun, skipBadRows, columns });
export const exportBooks = (kind) => call('export_books', { kind });
export const copyBarcodeNumbering = () => call('copy_barcode_numbering');
export const changeCopyBarcodeNumbering = (numbering) => call('change_copy_barcode_numbering', { numbering });
