"""`jobjournal completion`: tab completion for bash and zsh, generated from the parser.

The script is written from the same argparse parser the command line uses, so a new command or
option completes as soon as it exists; nothing here lists commands by hand. It completes
commands, their options, the choices of options and positionals (--format, log's actions),
and folders or files where an argument is a path.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HELP = "print a shell completion script (bash or zsh)"
EXAMPLES = """examples:
  jobjournal completion bash > ~/.local/share/bash-completion/completions/jobjournal
  echo 'eval "$(jobjournal completion bash)"' >> ~/.bashrc
  jobjournal completion zsh > "${fpath[1]}/_jobjournal"      then restart zsh
  echo 'eval "$(jobjournal completion zsh)"' >> ~/.zshrc     (after compinit)"""

SHELLS = ("bash", "zsh")
_WORD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:+/-]*$")  # safe to paste into a script


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from jobjournal.commands.completion_words import DYNAMIC

    parser.add_argument("shell", choices=SHELLS, nargs="?", help="the shell to complete in")
    # What the scripts run on TAB; not for people.
    parser.add_argument("--words", choices=DYNAMIC, help=argparse.SUPPRESS)
    parser.add_argument("--journal", type=Path, default=Path("."), help=argparse.SUPPRESS)
    parser.add_argument("--application", default="", help=argparse.SUPPRESS)


# -- what the parser says ----------------------------------------------------------------------

@dataclass(frozen=True)
class Arg:
    """One option or positional, reduced to what completion needs."""

    flags: tuple[str, ...]  # empty for a positional
    help: str
    takes_value: bool
    words: tuple[str, ...]  # fixed values to offer
    path: str  # "dir", "file" or ""
    dynamic: str = ""  # "applications" or "people": read from the journal on TAB


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    options: tuple[Arg, ...]
    positionals: tuple[Arg, ...]


def _words(action: argparse.Action) -> tuple[str, ...]:
    words = getattr(action, "complete_words", None) or action.choices or ()
    if callable(words):
        words = words()
    return tuple(str(word) for word in words if _WORD.match(str(word)))


def _path_kind(action: argparse.Action) -> str:
    if action.type is not Path:
        return ""
    names = f"{action.dest} {action.metavar or ''} {action.help or ''}".lower()
    return "dir" if any(word in names for word in ("journal", "folder", "dir")) else "file"


def _arg(action: argparse.Action) -> Arg:
    takes_value = action.nargs != 0
    return Arg(tuple(action.option_strings), (action.help or "").split(" (")[0],
               takes_value, _words(action) if takes_value else (), _path_kind(action),
               getattr(action, "complete_dynamic", ""))


def commands(parser: argparse.ArgumentParser) -> tuple[list[Arg], list[Command]]:
    """The top-level options and every command of `parser`, in the parser's order."""
    top: list[Arg] = []
    found: list[Command] = []
    for action in parser._actions:  # argparse keeps no public list of its arguments
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                args = [_arg(a) for a in sub._actions if a.help != argparse.SUPPRESS]
                found.append(Command(name, helps.get(name, ""),
                                     tuple(a for a in args if a.flags),
                                     tuple(a for a in args if not a.flags)))
        elif action.option_strings:
            top.append(_arg(action))
    return top, found



# Shell functions the scripts call where an argument's words come from the journal (an
# application's slug, a person's name): they run `jobjournal completion --words KIND` on TAB.
BASH_DYNAMIC = r"""# Slugs or people's names, read from the journal (--journal) on TAB;
# the people are those of the application named by the first positional.
_jobjournal_dynamic() {
  local i word journal=. application="" skip=0 found plain
  for ((i = command_index + 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if ((skip)); then skip=0; continue; fi
    case $word in
      --journal) journal=${COMP_WORDS[i+1]}; skip=1 ;;
      --journal=*) journal=${word#--journal=} ;;
      --*=*) ;;
      -*) [[ $valued == *" $word "* ]] && skip=1 ;;
      *) [[ -z $application ]] && application=$word ;;
    esac
  done
  journal=${journal/#\~/$HOME}
  found=$(command jobjournal completion --words "$1" --journal "$journal" \
          --application "$application" 2>/dev/null)
  plain=${cur//\\/}
  plain=${plain#[\"\']}
  local IFS=$'\n'
  COMPREPLY=($(compgen -W "$found" -- "$plain"))
  for i in "${!COMPREPLY[@]}"; do printf -v "COMPREPLY[$i]" '%q' "${COMPREPLY[i]}"; done
}
"""

ZSH_DYNAMIC = r"""# Slugs or people's names, read from the journal (--journal) on TAB;
# the people are those of the application named by the first argument.
_jobjournal_dynamic() {
  local journal=${opt_args[--journal]:-.}
  local -a found
  found=("${(@f)$(command jobjournal completion --words $1 --journal "${(Q)journal}" \
          --application "${(Q)line[1]}" 2>/dev/null)}")
  found=(${found:#})
  compadd -a found
}
"""

# -- bash --------------------------------------------------------------------------------------

def _bash_complete(arg: Arg) -> str:
    if arg.dynamic:
        return f"_jobjournal_dynamic {arg.dynamic}"
    if arg.words:
        return f'COMPREPLY=($(compgen -W "{" ".join(arg.words)}" -- "$cur"))'
    if arg.path == "dir":
        return 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur"))'
    if arg.path == "file":
        return 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))'
    return "COMPREPLY=()"


def bash_script(parser: argparse.ArgumentParser) -> str:
    top, found = commands(parser)
    names = " ".join(command.name for command in found)
    top_flags = " ".join(flag for arg in top for flag in arg.flags)
    cases = []
    for command in found:
        flags = " ".join(flag for arg in command.options for flag in arg.flags)
        valued = " ".join(flag for arg in command.options if arg.takes_value
                          for flag in arg.flags)
        values = "".join(f"        {'|'.join(arg.flags)}) {_bash_complete(arg)}; return;;\n"
                         for arg in command.options if arg.takes_value)
        positions = "".join(f"        {index}) {_bash_complete(arg)};;\n"
                            for index, arg in enumerate(command.positionals))
        cases.append(f"""    {command.name})
      valued=" {valued} "
      case $prev in
{values}      esac
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "{flags}" -- "$cur"))
        return
      fi
      _jobjournal_position
      case $position in
{positions}        *) COMPREPLY=();;
      esac
      ;;
""")
    return f"""# bash completion for jobjournal; generated by 'jobjournal completion bash'.
# Load it with:  eval "$(jobjournal completion bash)"

# How many positionals come before the word being completed (option values do not count).
_jobjournal_position() {{
  local i word skip=0
  position=0
  for ((i = command_index + 1; i < COMP_CWORD; i++)); do
    word=${{COMP_WORDS[i]}}
    if ((skip)); then skip=0; continue; fi
    case $word in
      --*=*) ;;
      -*) [[ $valued == *" $word "* ]] && skip=1 ;;
      *) position=$((position + 1)) ;;
    esac
  done
}}

{BASH_DYNAMIC}

_jobjournal() {{
  local cur prev command="" command_index=0 position=0 valued="" i
  COMPREPLY=()
  cur=${{COMP_WORDS[COMP_CWORD]}}
  prev=${{COMP_WORDS[COMP_CWORD-1]}}
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${{COMP_WORDS[i]}} in
      -*) ;;
      *) command=${{COMP_WORDS[i]}}; command_index=$i; break ;;
    esac
  done
  if [[ -z $command ]]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "{top_flags}" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "{names}" -- "$cur"))
    fi
    return
  fi
  case $command in
{"".join(cases)}  esac
}}

complete -F _jobjournal jobjournal
"""


# -- zsh ---------------------------------------------------------------------------------------

def _zsh_text(text: str) -> str:
    """Help text that is safe inside '...[text]' of an _arguments spec."""
    text = re.sub(r"[\[\]:\\`$]", " ", text)
    return " ".join(text.split()).replace("'", "'\\''")


def _zsh_action(arg: Arg) -> str:
    if arg.dynamic:
        return f"_jobjournal_dynamic {arg.dynamic}"
    if arg.words:
        return f"({' '.join(arg.words)})"
    if arg.path == "dir":
        return "_files -/"
    if arg.path == "file":
        return "_files"
    return " "


def _zsh_option(arg: Arg) -> str:
    description = _zsh_text(arg.help) or arg.flags[-1]
    if len(arg.flags) > 1:
        spec = f"'({' '.join(arg.flags)})'{{{','.join(arg.flags)}}}'[{description}]"
    else:
        spec = f"'{arg.flags[0]}[{description}]"
    if arg.takes_value:
        spec += f":{arg.flags[-1].lstrip('-')}:{_zsh_action(arg)}"
    return spec + "'"


def zsh_script(parser: argparse.ArgumentParser) -> str:
    top, found = commands(parser)
    described = "\n".join(f"    '{command.name}:{_zsh_text(command.help)}'"
                          for command in found)
    cases = []
    for command in found:
        specs = [_zsh_option(arg) for arg in command.options]
        specs += [f"'{index}:{_zsh_text(arg.help) or 'argument'}:{_zsh_action(arg)}'"
                  for index, arg in enumerate(command.positionals, 1)]
        joined = " \\\n            ".join(specs)
        cases.append(f"        {command.name})\n          _arguments \\\n"
                     f"            {joined}\n          ;;\n")
    top_specs = " \\\n    ".join(_zsh_option(arg) for arg in top)
    return f"""#compdef jobjournal
# zsh completion for jobjournal; generated by 'jobjournal completion zsh'.
# Save it as _jobjournal in a folder of $fpath, or: eval "$(jobjournal completion zsh)"

{ZSH_DYNAMIC}

_jobjournal() {{
  local curcontext="$curcontext" state line
  typeset -A opt_args
  _arguments -C \\
    {top_specs} \\
    '1:command:->command' \\
    '*::argument:->argument'
  case $state in
    command)
      local -a commands
      commands=(
{described}
      )
      _describe -t commands 'jobjournal command' commands
      ;;
    argument)
      case $words[1] in
{"".join(cases)}      esac
      ;;
  esac
}}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _jobjournal "$@"
else
  compdef _jobjournal jobjournal
fi
"""


def run(args: argparse.Namespace) -> int:
    if args.words:
        from jobjournal.commands.completion_words import words

        found = words(args.words, args.journal, args.application)
        sys.stdout.write("".join(f"{word}\n" for word in found if "\n" not in word))
        return 0
    if args.shell is None:
        from jobjournal.commands.common import error

        return error("name the shell: jobjournal completion bash (or zsh)")
    parser = args.parser
    script = bash_script(parser) if args.shell == "bash" else zsh_script(parser)
    sys.stdout.write(script)
    return 0
