// What a command's request carries besides its arguments.

/**
 * `value` as JSON in ASCII alone (`\uXXXX` for every other character), so it
 * can travel in an HTTP header: a file name or column header in Chinese.
 */
export function asciiJson(value) {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
