import classes from './password-text.module.css';

const kindOf = (char: string) =>
  /[0-9]/.test(char) ? 'digit' : /[A-Z]/.test(char) ? 'upper' : /[a-z]/.test(char) ? 'lower' : 'symbol';

/**
 * A temporary password to read out or copy by eye: large monospace, a slashed zero, and digits,
 * capitals and symbols each in their own colour, so 0/O and 1/l/I are told apart.
 */
export function PasswordText({ password }: { password: string }) {
  return (
    <span className={classes.password} data-testid="handover-password">
      {[...password].map((char, index) => (
        <span key={index} className={classes[kindOf(char)]}>
          {char}
        </span>
      ))}
    </span>
  );
}

/** Which colour means what, said once beside the password. */
export function PasswordLegend() {
  return (
    <span className={classes.legend}>
      <span className={classes.digit}>digits</span>, <span className={classes.upper}>CAPITALS</span>,{' '}
      <span className={classes.lower}>lower case</span>, <span className={classes.symbol}>symbols</span>
    </span>
  );
}
