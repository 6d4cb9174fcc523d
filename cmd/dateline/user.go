package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"dateline/models"
	"dateline/models/auth"
	"dateline/models/store"
)

const userUsage = `Usage:
  dateline user add [--role editor|admin] NAME    the password is read from stdin, or asked for on a terminal
  dateline user passwd NAME                      a new password, read the same way; signs the user out everywhere
  dateline user list
  dateline user remove NAME
Editors sign in at /login to pin, hide and correct; admins may also manage stories.
Every command takes --db PATH.`

// maxPasswordLine bounds what user add reads from stdin for a password.
const maxPasswordLine = 4 << 10

// runUser manages the accounts that may sign in to the editor's view.
// Passwords never come from the command line, where ps and shell history
// would keep them.
func runUser(e *env) int {
	sub, fs, code, ok := e.subcommand("user", userUsage)
	if !ok {
		return code
	}
	role := models.RoleEditor
	if sub == "add" {
		fs.StringVar(&role, "role", role, "editor or admin")
	}
	pos, code := e.parseInterleaved(fs)
	if code >= 0 {
		return code
	}
	want := map[string]int{"add": 1, "passwd": 1, "list": 0, "remove": 1}
	if n, ok := want[sub]; !ok || len(pos) != n {
		fmt.Fprintln(e.stderr, userUsage)
		return 2
	}
	if err := e.userCommand(sub, role, pos); err != nil {
		fmt.Fprintf(e.stderr, "dateline user %s: %s\n", sub, models.ErrorMessage(err))
		return 1
	}
	return 0
}

// parseInterleaved parses flags that may come before or after the
// positional arguments; it returns the positional ones, and an exit code
// to stop with (or -1 to go on).
func (e *env) parseInterleaved(fs *flag.FlagSet) ([]string, int) {
	var pos []string
	for {
		if code := e.parseFlags(fs); code >= 0 {
			return nil, code
		}
		if fs.NArg() == 0 {
			return pos, -1
		}
		pos = append(pos, fs.Arg(0))
		e.args = fs.Args()[1:]
	}
}

// userCommand runs one user subcommand on the configured database.
func (e *env) userCommand(sub, role string, pos []string) error {
	if sub == "add" {
		// Check what can be checked before asking for a password.
		if err := auth.ValidUsername(pos[0]); err != nil {
			return err
		}
		if err := auth.ValidRole(role); err != nil {
			return err
		}
	}
	open := e.cfg.openExistingStore
	if sub == "add" {
		open = e.cfg.openStoreWith
	}
	st, err := open(store.MigrateNew)
	if err != nil {
		return err
	}
	defer st.Close()
	switch sub {
	case "add":
		return e.userAdd(st, pos[0], role)
	case "passwd":
		return e.userPasswd(st, pos[0])
	case "remove":
		if err := st.DeleteUser(e.ctx, pos[0]); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "removed user %s and their sessions\n", pos[0])
		return nil
	}
	return e.userList(st)
}

// userAdd reads the new account's password and stores its hash.
func (e *env) userAdd(st *store.Store, name, role string) error {
	pw, err := e.readPassword(name)
	if err != nil {
		return err
	}
	hash, err := auth.HashPassword(pw, auth.Cost)
	if err != nil {
		return err
	}
	u := models.User{Username: name, Role: role, PasswordHash: hash}
	if err := st.CreateUser(e.ctx, &u, time.Now()); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added %s %s\n", role, name)
	return nil
}

// userPasswd reads a new password for an existing account.
func (e *env) userPasswd(st *store.Store, name string) error {
	if _, err := st.UserByName(e.ctx, name); err != nil {
		return err // before asking for a password nobody will use
	}
	pw, err := e.readPassword(name)
	if err != nil {
		return err
	}
	hash, err := auth.HashPassword(pw, auth.Cost)
	if err != nil {
		return err
	}
	if err := st.SetPassword(e.ctx, name, hash); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "changed the password of %s and ended their sessions\n", name)
	return nil
}

// readPassword asks for the password twice, without echo, when stdin is a
// terminal; otherwise it reads the first line of stdin (for scripts:
// printf '%s\n' "$PW" | dateline user add NAME).
func (e *env) readPassword(name string) (string, error) {
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return e.promptPassword(int(f.Fd()), name)
	}
	line, err := bufio.NewReaderSize(io.LimitReader(e.stdin, maxPasswordLine), maxPasswordLine).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", models.Wrap(models.EINVALID, err, "reading the password from stdin")
	}
	if err == io.EOF && len(line) == maxPasswordLine {
		return "", models.Errorf(models.EINVALID, "the password line on stdin is too long")
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", models.Errorf(models.EINVALID, "no password on stdin: pipe one in, or run this on a terminal to be asked")
	}
	return pw, nil
}

// promptPassword asks on the terminal fd, twice.
func (e *env) promptPassword(fd int, name string) (string, error) {
	var got [2]string
	for i, prompt := range []string{"Password for " + name + ": ", "Again: "} {
		fmt.Fprint(e.stderr, prompt)
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", models.Wrap(models.EINVALID, err, "reading the password")
		}
		got[i] = string(b)
	}
	if got[0] != got[1] {
		return "", models.Errorf(models.EINVALID, "the two passwords differ")
	}
	return got[0], nil
}

// userList prints the accounts, one a line.
func (e *env) userList(st *store.Store) error {
	us, err := st.Users(e.ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tROLE\tCREATED")
	for _, u := range us {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", u.Username, u.Role, u.CreatedAt.UTC().Format("2006-01-02 15:04"))
	}
	return tw.Flush()
}
