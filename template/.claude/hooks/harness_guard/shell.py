# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""A shell parser for the Bash guard: commands made of words made of parts.

It reads a command the way bash does (quotes, escapes, ``;`` ``&&`` ``||`` ``|`` ``&``, newlines,
``$( )`` and backticks, process substitution, here-documents, ``${...}``, function definitions)
and keeps, for every part of every word, whether it is literal text, a parameter, a command
substitution or something the guard cannot know (``$'...'``, arithmetic, ``${!name}``...). The
guard treats anything that is not literal as *unknown* unless it can evaluate it itself.

Written by hand because no maintained, permissively licensed Python library parses bash with the
detail the guard needs (bashlex is GPL-3.0 and does not mark unknown parts); see docs/design.md.
"""

from __future__ import annotations

import re

MAX_DEPTH = 12
UNKNOWN = "\x00"  # stands for text the guard cannot know before the command runs
_META = frozenset(" \t\n;&|()<>")
_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ASSIGN_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[[^\]]*\])?\+?=")


class ParseError(Exception):
    """The command is not valid shell (or nests too deeply); the guard denies it."""


class Part:
    """A piece of a word: literal text, a parameter, a command substitution or something opaque."""

    __slots__ = ("default", "kind", "op", "quoted", "script", "text")

    def __init__(
        self,
        kind: str,
        text: str = "",
        quoted: bool = False,
        script: list[Cmd] | None = None,
        default: list[Word] | None = None,
        op: str = "",
    ) -> None:
        self.kind = kind  # "lit", "var", "sub", "unk"
        self.text = text  # literal text, or the parameter name
        self.quoted = quoted
        self.script = script
        self.default = default
        self.op = op  # parameter-expansion operator such as ":-"


class Word:
    __slots__ = ("parts",)

    def __init__(self, parts: list[Part]) -> None:
        self.parts = parts

    def literal(self) -> str:
        return "".join(p.text if p.kind == "lit" else UNKNOWN for p in self.parts)

    def is_quoted(self) -> bool:
        return any(p.quoted for p in self.parts)


class Cmd:
    """A simple command: assignments, words, redirections, stdin texts and nested scripts."""

    __slots__ = (
        "after",
        "assigns",
        "before",
        "level",
        "nested",
        "pipe_from",
        "redirs",
        "stdin",
        "words",
    )

    def __init__(self) -> None:
        # Control flow, flattened: the operators just before and after this command (";",
        # "\n", "&&", "||", "|", "&", "(", ")") and how many parentheses enclose it. The guard
        # needs them only to know whether a ``cd`` surely changes where later commands run.
        self.before = ""
        self.after = ""
        self.level = 0
        self.assigns: list[tuple[str, Word]] = []
        self.words: list[Word] = []
        self.redirs: list[tuple[str, Word]] = []
        self.stdin: list[Word] = []
        self.nested: list[list[Cmd]] = []
        self.pipe_from: Cmd | None = None

    def empty(self) -> bool:
        return not (self.assigns or self.words or self.redirs or self.nested or self.stdin)


# Reserved words after which the next word starts a command (``do case ...``).
_COMMAND_STARTS = frozenset(
    {"do", "then", "else", "elif", "if", "while", "until", "{", "!", "time"}
)


def _continued(line: str) -> bool:
    """Whether ``line`` ends in an unescaped backslash (a line continuation)."""
    return (len(line) - len(line.rstrip("\\"))) % 2 == 1


class Parser:
    def __init__(self, src: str, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise ParseError("nesting too deep")
        self.src = src
        self.n = len(src)
        self.i = 0
        self.depth = depth
        self.heredocs: list[tuple[Cmd, str, bool, bool]] = []
        self.nested: list[list[Cmd]] = []
        self.functions: list[str] = []  # names defined with ``name() { ...; }``
        self.level = 0  # parentheses open around the current command
        # Open ``case`` statements, innermost last: "head" until ``in``, then "pattern" until
        # each ``)``, then "body" until ``;;`` (or ``esac``).
        self.cases: list[str] = []

    # -- command lists ------------------------------------------------------------------------

    def parse(self, closer: str | None = None) -> list[Cmd]:
        src, n = self.src, self.n
        cmds: list[Cmd] = []
        cur = Cmd()
        paren = 0
        while True:
            if self.i >= n:
                if closer is not None:
                    raise ParseError("unterminated command substitution")
                if self.cases:
                    raise ParseError("a case without its esac")
                self._finish(cur, cmds, pipe=False)
                return cmds
            c = src[self.i]
            nxt = src[self.i + 1] if self.i + 1 < n else ""
            if c in " \t":
                self.i += 1
            elif c == "\\" and nxt == "\n":
                self.i += 2
            elif c == "\n":
                self.i += 1
                cur = self._finish(cur, cmds, pipe=False, sep="\n")
                self._read_heredocs()
            elif c == "#":
                end = src.find("\n", self.i)
                self.i = n if end < 0 else end
            elif c == ")" and self.cases and self.cases[-1] == "pattern":
                self.i += 1  # the end of a case item's patterns: its commands follow
                self.cases[-1] = "body"
                cur = self._finish(cur, cmds, pipe=False, sep=")")
            elif c == "|" and self.cases and self.cases[-1] == "pattern":
                self.i += 1  # between two patterns of one case item
            elif c == ")":
                self.i += 1
                if closer == ")" and paren == 0:
                    if self.cases:
                        raise ParseError("a case without its esac")
                    self._finish(cur, cmds, pipe=False)
                    return cmds
                paren = max(0, paren - 1)
                cur = self._finish(cur, cmds, pipe=False, sep=")")
                self.level = max(0, self.level - 1)
                cur.level = self.level
            elif c == "(" and self.cases and self.cases[-1] == "pattern":
                self.i += 1  # the optional ``(`` before a case item's patterns
            elif c == "(":
                last = cur.words[-1] if cur.words else (cur.assigns[-1][1] if cur.assigns else None)
                if self.i > 0 and src[self.i - 1] == "=" and last is not None:
                    # ``name=(a b c)``: an array's elements, not a subshell. Substitutions in
                    # them still run (and are checked); the value itself is left unknown.
                    end = self._matching_parens(self.i)
                    self._walk_inside(src[self.i + 1 : end - 1])
                    last.parts.append(Part("unk"))
                    self.i = end
                    continue
                if self.i > 0 and src[self.i - 1] in "?*+@!":
                    # An extended glob (``!(README.md)``, ``@(src|tests)``) with extglob on:
                    # its matches are not read here; refuse rather than read it as a subshell.
                    raise ParseError("an extended glob pattern")
                closing = re.match(r"\(\s*\)", src[self.i : self.i + 64])
                if closing is not None and len(cur.words) == 1 and not cur.redirs:
                    # ``name () { body; }``: a definition, not a command. The body is parsed
                    # and checked like any other commands; calling ``name`` later is unknown.
                    self.functions.append(cur.words[0].literal())
                    cur.words.clear()
                    self.i += closing.end()
                    cur = self._finish(cur, cmds, pipe=False)
                    continue
                self.i += 1
                paren += 1
                cur = self._finish(cur, cmds, pipe=False, sep="(")
                self.level += 1
                cur.level = self.level
            elif c == ";":
                start = self.i
                while self.i < n and src[self.i] in ";&":
                    self.i += 1
                sep = src[start : self.i]
                if self.cases and self.cases[-1] == "body" and sep in (";;", ";&", ";;&"):
                    self.cases[-1] = "pattern"
                cur = self._finish(cur, cmds, pipe=False, sep=sep)
            elif c == "&":
                if nxt == "&":
                    self.i += 2
                    cur = self._finish(cur, cmds, pipe=False, sep="&&")
                elif nxt == ">":
                    op = "&>>" if src.startswith("&>>", self.i) else "&>"
                    self.i += len(op)
                    self._redirect(cur, op)
                else:
                    self.i += 1
                    cur = self._finish(cur, cmds, pipe=False, sep="&")
            elif c == "|":
                if nxt == "|":
                    self.i += 2
                    cur = self._finish(cur, cmds, pipe=False, sep="||")
                else:
                    self.i += 2 if nxt == "&" else 1
                    cur = self._finish(cur, cmds, pipe=True, sep="|")
            elif c in "<>":
                if nxt == "(":  # process substitution runs a command too
                    self.i += 2
                    script = self._substitution()
                    self.nested.append(script)
                    cur.words.append(Word([Part("unk", script=script)]))
                else:
                    self._redirect(cur, self._redirect_op())
            else:
                word = self._word()
                follows = src[self.i] if self.i < n else ""
                literal = word.literal()
                if (
                    follows in "<>"
                    and not word.is_quoted()
                    and re.fullmatch(r"\d+|\{\w+\}", literal)
                ):
                    continue  # file-descriptor number of the redirection that follows
                if not cur.words and self._assignment(word, cur):
                    continue
                if self._case_word(word, literal, cur):
                    continue
                cur.words.append(word)

    def _case_word(self, word: Word, literal: str, cur: Cmd) -> bool:
        """Follow ``case WORD in PATTERN) ...;; esac``; True when ``word`` is no command word.

        A pattern is matched, never run (its substitutions still run, and are checked with the
        command around them).
        """
        state = self.cases[-1] if self.cases else ""
        unquoted = not word.is_quoted()
        if state == "pattern":
            if literal == "esac" and unquoted:
                self.cases.pop()
                return False
            return True
        # A reserved word only starts a command: after a redirection or an assignment bash runs
        # a program named ``case`` instead.
        at_start = (
            not cur.assigns
            and not cur.redirs
            and all(w.literal() in _COMMAND_STARTS and not w.is_quoted() for w in cur.words)
        )
        if at_start and unquoted and literal == "case":
            self.cases.append("head")
        elif (
            state == "head"
            and unquoted
            and literal == "in"
            and len(cur.words) >= 2
            and cur.words[-2].literal() == "case"
        ):
            self.cases[-1] = "pattern"
        elif state == "body" and at_start and unquoted and literal == "esac":
            self.cases.pop()
        return False

    def _finish(self, cur: Cmd, cmds: list[Cmd], pipe: bool, sep: str = "") -> Cmd:
        if self.nested:
            cur.nested.extend(self.nested)
            self.nested = []
        nxt = Cmd()
        nxt.level = self.level
        if not cur.empty():
            cur.after = sep
            cmds.append(cur)
            if pipe:
                nxt.pipe_from = cur
            nxt.before = sep
        else:
            nxt.before = cur.before + sep
        return nxt

    def _assignment(self, word: Word, cur: Cmd) -> bool:
        first = word.parts[0] if word.parts else None
        if first is None or first.kind != "lit" or first.quoted:
            return False
        match = _ASSIGN_RE.match(first.text)
        if match is None:
            return False
        rest = first.text[match.end() :]
        value_parts = ([Part("lit", rest, quoted=True)] if rest else []) + word.parts[1:]
        cur.assigns.append((match.group(1), Word(value_parts)))
        return True

    def _redirect_op(self) -> str:
        for op in ("<<<", "<<-", "<<", "<>", "<&", ">>", ">|", ">&", "<", ">"):
            if self.src.startswith(op, self.i):
                self.i += len(op)
                return op
        raise ParseError("bad redirection")  # pragma: no cover - caller saw < or >

    def _redirect(self, cur: Cmd, op: str) -> None:
        while self.i < self.n and self.src[self.i] in " \t":
            self.i += 1
        if self.src.startswith(("<(", ">("), self.i) and op in ("<", ">", ">>"):
            # ``done < <(cmd)``: the target is a process substitution; cmd runs and is checked.
            self.i += 2
            script = self._substitution()
            self.nested.append(script)
            cur.redirs.append((op, Word([Part("unk", script=script)])))
            return
        if self.i >= self.n or self.src[self.i] in _META:
            raise ParseError("redirection without a target")
        word = self._word()
        if op in ("<<", "<<-"):
            if any(p.kind != "lit" for p in word.parts):
                # bash takes such a delimiter literally ("$x" ends at a line "$x"); reading it
                # any other way would hide the commands after it. Nobody needs one: refuse.
                raise ParseError("a here-document delimiter with $, ` or an expansion")
            delimiter = "".join(p.text for p in word.parts if p.kind == "lit")
            self.heredocs.append((cur, delimiter, op == "<<-", not word.is_quoted()))
        elif op == "<<<":
            cur.stdin.append(word)
        else:
            cur.redirs.append((op, word))

    def _read_heredocs(self) -> None:
        pending, self.heredocs = self.heredocs, []
        for cmd, delimiter, strip_tabs, expand in pending:
            lines: list[str] = []
            while self.i < self.n:
                end = self.src.find("\n", self.i)
                stop = self.n if end < 0 else end
                line = self.src[self.i : stop]
                self.i = self.n if end < 0 else end + 1
                while expand and _continued(line) and self.i < self.n:
                    # Unquoted delimiter: bash joins backslash-newline first, in the body and
                    # in the line it compares with the delimiter (``EO\`` + ``F`` ends ``EOF``).
                    end = self.src.find("\n", self.i)
                    stop = self.n if end < 0 else end
                    line = line[:-1] + self.src[self.i : stop]
                    self.i = self.n if end < 0 else end + 1
                if strip_tabs:
                    line = line.lstrip("\t")
                if line == delimiter:
                    break
                lines.append(line)
            body = "\n".join(lines)
            if expand:
                sub = Parser(body, self.depth + 1)
                word = Word(sub._double_quoted(heredoc=True))
                cmd.nested.extend(sub.nested)
            else:
                word = Word([Part("lit", body, quoted=True)])
            cmd.stdin.append(word)

    # -- words ----------------------------------------------------------------------------------

    def _word(self) -> Word:
        src, n = self.src, self.n
        parts: list[Part] = []
        buf: list[str] = []
        start = self.i

        def flush() -> None:
            if buf:
                parts.append(Part("lit", "".join(buf)))
                buf.clear()

        while self.i < n:
            c = src[self.i]
            if c in _META:
                break
            if c == "\\":
                if self.i + 1 >= n:
                    buf.append("\\")
                    self.i += 1
                elif src[self.i + 1] == "\n":
                    self.i += 2
                else:
                    flush()
                    parts.append(Part("lit", src[self.i + 1], quoted=True))
                    self.i += 2
            elif c == "'":
                end = src.find("'", self.i + 1)
                if end < 0:
                    raise ParseError("unterminated single quote")
                flush()
                parts.append(Part("lit", src[self.i + 1 : end], quoted=True))
                self.i = end + 1
            elif c == '"':
                flush()
                self.i += 1
                parts.extend(self._double_quoted())
            elif c == "$":
                flush()
                parts.extend(self._dollar(quoted=False))
            elif c == "`":
                flush()
                parts.append(self._backtick(quoted=False))
            elif c == "~" and self.i == start:
                end = self.i + 1
                while end < n and src[end] not in _META and src[end] != "/":
                    end += 1
                user = src[self.i + 1 : end]
                if user == "+":  # ~+ is $PWD, ~- is $OLDPWD
                    flush()
                    parts.append(Part("var", "PWD", quoted=True))
                elif user == "-":
                    flush()
                    parts.append(Part("var", "OLDPWD", quoted=True))
                elif user:
                    buf.append("~" + user)
                else:
                    parts.append(Part("var", "HOME", quoted=True))
                self.i = end
            else:
                buf.append(c)
                self.i += 1
        flush()
        return Word(parts)

    def _double_quoted(self, heredoc: bool = False) -> list[Part]:
        src, n = self.src, self.n
        parts: list[Part] = []
        buf: list[str] = []
        escapable = "$`\\\n" if heredoc else '$`"\\\n'
        while self.i < n:
            c = src[self.i]
            if c == '"' and not heredoc:
                self.i += 1
                if buf or not parts:
                    parts.append(Part("lit", "".join(buf), quoted=True))
                return parts
            if c == "\\" and self.i + 1 < n and src[self.i + 1] in escapable:
                if src[self.i + 1] != "\n":
                    buf.append(src[self.i + 1])
                self.i += 2
            elif c == "$" or c == "`":
                if buf:
                    parts.append(Part("lit", "".join(buf), quoted=True))
                    buf = []
                if c == "$":
                    parts.extend(self._dollar(quoted=True))
                else:
                    parts.append(self._backtick(quoted=True))
            else:
                buf.append(c)
                self.i += 1
        if heredoc:
            if buf:
                parts.append(Part("lit", "".join(buf), quoted=True))
            return parts
        raise ParseError("unterminated double quote")

    def _substitution(self) -> list[Cmd]:
        """Parse ``...)`` after ``$(`` / ``<(`` with the same source and a fresh state."""
        if self.depth + 1 > MAX_DEPTH:
            raise ParseError("nesting too deep")
        saved = (self.heredocs, self.nested, self.level, self.cases)
        self.heredocs, self.nested, self.level, self.cases = [], [], 0, []
        self.depth += 1
        try:
            return self.parse(closer=")")
        finally:
            self.heredocs, self.nested, self.level, self.cases = saved
            self.depth -= 1

    def _dollar(self, quoted: bool) -> list[Part]:
        src, n, i = self.src, self.n, self.i
        nxt = src[i + 1] if i + 1 < n else ""
        if nxt == "(":
            if src.startswith("((", i + 1):
                end = self._matching_parens(i + 1)
                inner = Parser(src[i + 3 : end - 2], self.depth + 1)
                inner._double_quoted(heredoc=True)
                self.nested.extend(inner.nested)
                self.i = end
                # The expression's text is kept: bash evaluates a variable named there as an
                # expression in turn, and ``a[$(cmd)]`` in that value runs cmd.
                return [Part("unk", src[i + 3 : end - 2], quoted=quoted, op="((")]
            self.i = i + 2
            script = self._substitution()
            self.nested.append(script)
            return [Part("sub", quoted=quoted, script=script)]
        if nxt == "{":
            end = self._matching_brace(i + 1)
            self.i = end + 1
            return [self._parameter(src[i + 2 : end], quoted)]
        if nxt == "'" and not quoted:
            return [self._ansi_c()]
        if nxt == '"' and not quoted:
            self.i = i + 2
            return self._double_quoted()
        match = _NAME_RE.match(src, i + 1)
        if match is not None:
            self.i = match.end()
            return [Part("var", match.group(), quoted=quoted)]
        if nxt and (nxt.isdigit() or nxt in "@*#?-$!"):
            self.i = i + 2
            return [Part("var", nxt, quoted=quoted)]
        self.i = i + 1
        return [Part("lit", "$", quoted=quoted)]

    def _parameter(self, inner: str, quoted: bool) -> Part:
        if "@P" in inner:
            # ``${x@P}`` expands x's value as a prompt string, which runs $(...) inside it.
            raise ParseError("${...@P} runs the variable's text as code")
        match = re.match(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-]", inner)
        if not inner or (inner[0] in "#!" and len(inner) > 1) or match is None:
            self._walk_inside(inner)
            return Part("unk", inner, quoted=quoted, op="${")
        name, rest = match.group(), inner[match.end() :]
        if not rest:
            return Part("var", name, quoted=quoted)
        for op in (":-", ":=", ":+", ":?", "-", "=", "+", "?"):
            if rest.startswith(op):
                sub = Parser(rest[len(op) :], self.depth + 1)
                script = sub.parse()
                words = [w for cmd in script for w in [v for _, v in cmd.assigns] + cmd.words]
                for cmd in script:
                    self.nested.extend(cmd.nested)
                return Part("var", name, quoted=quoted, default=words, op=op)
        # Subscripts, patterns, offsets (${x[...]}, ${x/.../...}, ${x:...}): their text is
        # expanded and, for subscripts and offsets, evaluated as arithmetic. Substitutions in
        # it run; the guard walks them and leaves the value unknown.
        self._walk_inside(rest)
        return Part("unk", inner, quoted=quoted, op="${")

    def _walk_inside(self, text: str) -> None:
        """Collect the substitutions inside an expansion's text so that they are checked."""
        inside = Parser(text, self.depth + 1)
        inside._double_quoted(heredoc=True)
        self.nested.extend(inside.nested)

    def _ansi_c(self) -> Part:
        """``$'...'``: skipped and marked unknown (its escapes can spell any option or path)."""
        src, n = self.src, self.n
        j = self.i + 2
        while j < n and src[j] != "'":
            j += 2 if src[j] == "\\" else 1
        if j >= n:
            raise ParseError("unterminated $'...' string")
        self.i = j + 1
        return Part("unk", quoted=True)

    def _backtick(self, quoted: bool) -> Part:
        src, n = self.src, self.n
        j = self.i + 1
        out: list[str] = []
        while j < n and src[j] != "`":
            if src[j] == "\\" and j + 1 < n and src[j + 1] in "$`\\":
                out.append(src[j + 1])
                j += 2
            else:
                out.append(src[j])
                j += 1
        if j >= n:
            raise ParseError("unterminated backtick substitution")
        self.i = j + 1
        inner = Parser("".join(out), self.depth + 1)
        script = inner.parse()
        self.functions.extend(inner.functions)
        self.nested.append(script)
        return Part("sub", quoted=quoted, script=script)

    def _skip_quoted(self, j: int) -> int:
        """Index after the quoted string that starts at ``j``."""
        quote = self.src[j]
        k = j + 1
        while k < self.n and self.src[k] != quote:
            k += 2 if self.src[k] == "\\" and quote == '"' else 1
        if k >= self.n:
            raise ParseError("unterminated quote")
        return k + 1

    def _matching_parens(self, j: int) -> int:
        """Index after the ``)`` that closes the ``(`` at ``j``."""
        depth = 0
        while j < self.n:
            c = self.src[j]
            if c in "'\"":
                j = self._skip_quoted(j)
                continue
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    return j + 1
            j += 1
        raise ParseError("unterminated $((...))")

    def _matching_brace(self, j: int) -> int:
        """Index of the ``}`` that closes the ``{`` at ``j``."""
        depth = 0
        while j < self.n:
            c = self.src[j]
            if c in "'\"":
                j = self._skip_quoted(j)
                continue
            if c == "\\":
                j += 2
                continue
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    return j
            j += 1
        raise ParseError("unterminated ${...}")


def parse(src: str, depth: int = 0) -> tuple[list[Cmd], list[str]]:
    """The simple commands of ``src`` and the names of the functions it defines."""
    parser = Parser(src, depth)
    return parser.parse(), parser.functions
