// C0 controls but tab, LF and CR; DEL; C1 controls. ESC (and the C1 CSI)
// start terminal escape sequences; none belongs in a CSV cell, a report or
// a terminal. NUL is among them: the decoder refuses it earlier, as the mark
// of a binary file.
const SOURCE = '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]';
/** One control character other than tab, LF and CR. */
const CONTROL_CHARACTER = new RegExp(SOURCE);
/** Every control character other than tab, LF and CR. */
const CONTROL_CHARACTERS = new RegExp(SOURCE, 'g');

/** A text safe to print: each control character but tab, CR and LF shown as U+FFFD. */
const printable = (text: string): string =>
  CONTROL_CHARACTER.test(text)
    ? text.replace(CONTROL_CHARACTERS, '\ufffd')
    : text;

export { CONTROL_CHARACTER, CONTROL_CHARACTERS, printable };
