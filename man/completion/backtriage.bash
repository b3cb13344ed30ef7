# bash completion for backtriage(1)                                    -*- shell-script -*-
# SPDX-License-Identifier: MIT
#
# Commands and options are read from the program's own --help, so the completion follows
# the binary it completes for. Question ids for `eval NAME=` come from
# `backtriage rules list --format json`, or, when that is not available, from the
# `questions:` sections of the rule files. Works with or without the bash-completion package.

# Prints the path of the backtriage being completed: the command word as typed if it runs,
# else the one on PATH.
_backtriage_bin() {
    local bin=${COMP_WORDS[0]/#\~/$HOME}
    if [[ $bin == */* && -x $bin ]] || type -P -- "$bin" >/dev/null 2>&1; then
        printf '%s\n' "$bin"
    else
        printf 'backtriage\n'
    fi
}

# Reads `BIN COMMAND... --help` into the _backtriage_h_* variables, cached per command:
#   _backtriage_h_subs     subcommand names
#   _backtriage_h_opts     option names (long and short)
#   _backtriage_h_args     "option=METAVAR" for every option that takes a value
declare -gA _backtriage_help_cache 2>/dev/null
_backtriage_help() {
    local bin=$1
    shift
    local key="$bin|$*"
    if [[ -z ${_backtriage_help_cache[$key]+set} ]]; then
        local text line section="" spec names metavar name subs="" opts="" args=""
        text=$("$bin" "$@" --help 2>/dev/null)
        while IFS= read -r line; do
            case $line in
                Options:*) section=options; continue ;;
                Subcommands:*) section=subcommands; continue ;;
                Positionals:*) section=positionals; continue ;;
                "") continue ;;
                [^\ ]*) section=""; continue ;;
            esac
            line=${line#"${line%%[! ]*}"}
            case $section in
                subcommands) subs+=" ${line%% *}" ;;
                options)
                    [[ $line == -* ]] || continue
                    spec=${line%%  *}
                    names=${spec%% *}
                    metavar=""
                    [[ $spec == *" "* ]] && metavar=${spec#* }
                    for name in ${names//,/ }; do
                        opts+=" $name"
                        [[ -n $metavar ]] && args+=" $name=${metavar// /_}"
                    done
                    ;;
            esac
        done <<<"$text"
        # A binary without the rule tools still lists them as the manual does.
        [[ -z $subs && "$*" == rules ]] && subs=" check test list diff"
        _backtriage_help_cache[$key]="$subs"$'\n'"$opts"$'\n'"$args"
    fi
    {
        IFS= read -r _backtriage_h_subs
        IFS= read -r _backtriage_h_opts
        IFS= read -r _backtriage_h_args
    } <<<"${_backtriage_help_cache[$key]}"
}

# Prints "id type" for every question of the rule set the command line names.
_backtriage_questions() {
    local bin=$1 rules=$2 json
    local -a rules_arg=()
    [[ -n $rules ]] && rules_arg=(--rules "$rules")
    if json=$("$bin" "${rules_arg[@]}" rules list --format json 2>/dev/null) && [[ $json == *'"questions"'* ]]; then
        # A small JSON walker: prints id and type of each object in the top-level
        # "questions" array, whatever the key order or layout.
        awk '
            function emit() { if (id != "") print id, (type == "" ? "?" : type); id = ""; type = "" }
            { text = text $0 "\n" }
            END {
                n = length(text); depth = 0; key = ""; inq = 0
                for (i = 1; i <= n; i++) {
                    c = substr(text, i, 1)
                    if (c == "\"") {
                        s = ""
                        for (i++; i <= n; i++) {
                            c = substr(text, i, 1)
                            if (c == "\\") { i++; s = s substr(text, i, 1); continue }
                            if (c == "\"") break
                            s = s c
                        }
                        j = i + 1
                        while (substr(text, j, 1) ~ /[ \t\r\n]/) j++
                        if (substr(text, j, 1) == ":") { key = s; continue }
                        if (inq && depth == qdepth + 1 && key == "id") id = s
                        if (inq && depth == qdepth + 1 && key == "type") type = s
                        continue
                    }
                    if (c == "{" || c == "[") {
                        depth++
                        if (c == "[" && depth == 2 && key == "questions") { inq = 1; qdepth = depth }
                        key = ""
                    } else if (c == "}" || c == "]") {
                        if (inq && c == "}" && depth == qdepth + 1) emit()
                        if (inq && depth == qdepth) inq = 0
                        depth--
                    }
                }
            }' <<<"$json"
        return
    fi
    # Fall back to the rule files: --rules, else $BACKTRIAGE_RULES, else the installed copy
    # of the built-in rules beside the binary (or, for a build tree, the source's rules).
    local dir=${rules:-${BACKTRIAGE_RULES-}} path candidate
    if [[ -z $dir ]]; then
        path=$(type -P -- "$bin" 2>/dev/null) || path=$bin
        [[ $path == */* ]] || path=./$path
        for candidate in "${path%/*}/../share/backtriage/rules" "${path%/*}/../rules" /usr/share/backtriage/rules; do
            [[ -d $candidate ]] && { dir=$candidate; break; }
        done
    fi
    dir=${dir/#\~/$HOME}
    [[ -d $dir ]] || return
    local -a files=("$dir"/*.yaml)
    [[ -e ${files[0]} ]] || return
    awk '
        /^[A-Za-z_]+:/ { section = $1; sub(/:.*/, "", section); next }
        section != "questions" { next }
        /^[ \t]*-[ \t]+id:/ { if (id != "") print id, type; id = $0; sub(/.*id:[ \t]*/, "", id); sub(/[ \t#].*/, "", id); gsub(/["\047]/, "", id); type = "?"; next }
        /^[ \t]+type:/ { type = $0; sub(/.*type:[ \t]*/, "", type); sub(/[ \t#].*/, "", type) }
        END { if (id != "") print id, type }
    ' "${files[@]}" 2>/dev/null
}

_backtriage_files() {
    # $1: -d for directories only
    if declare -F _filedir >/dev/null; then
        _filedir ${1-}
    else
        compopt -o filenames 2>/dev/null
        if [[ ${1-} == -d ]]; then
            mapfile -t COMPREPLY < <(compgen -d -- "$cur")
        else
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        fi
    fi
}

# Completes the value of option $1, whose metavar is $2.
_backtriage_option_value() {
    local option=$1 metavar=$2 choices=""
    case $option in
        --color) choices="auto always never" ;;
        --answered-by) choices="patient clinician" ;;  # or a name, which cannot be guessed
        --region)
            # The regions of the rule set: "regions": ["uk", "us"] in the listing.
            choices=$("$bin" rules list --format json 2>/dev/null | tr -d '\n' |
                sed -n 's/.*"regions": *\[\([^]]*\)\].*/\1/p' | tr ',' ' ' | tr -d '"')
            ;;
    esac
    if [[ -z $choices ]]; then
        case $metavar in
            *\{*\}*) choices=${metavar#*\{}; choices=${choices%%\}*}; choices=${choices//,/ } ;;
            *[A-Z]*) ;;
            *\|*) choices=${metavar//|/ } ;;
        esac
    fi
    if [[ -n $choices ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$choices" -- "$cur")
    elif [[ $metavar == *DIR* ]]; then
        _backtriage_files -d
    elif [[ $metavar == *FILE* || $metavar == *OUT* || $metavar == *PATH* ]]; then
        _backtriage_files
    fi
}

_backtriage() {
    local cur prev cword
    local -a words
    if declare -F _init_completion >/dev/null; then
        _init_completion -n =: || return
    else
        # Without bash-completion: undo the split at '=' (name=value, --rules=DIR).
        local i
        words=()
        cword=0
        for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
            if [[ ${COMP_WORDS[i]} == "=" && ${#words[@]} -gt 1 ]]; then
                words[-1]+="="
                if ((i + 1 < ${#COMP_WORDS[@]} && i < COMP_CWORD)) && [[ ${COMP_WORDS[i + 1]} != -* ]]; then
                    ((i++))
                    words[-1]+=${COMP_WORDS[i]}
                fi
            else
                words+=("${COMP_WORDS[i]}")
            fi
            ((i <= COMP_CWORD)) && cword=$((${#words[@]} - 1))
        done
        cur=${words[cword]-}
        prev=${words[cword - 1]-}
    fi
    COMPREPLY=()

    local bin
    bin=$(_backtriage_bin)

    # Walk the words before the cursor: subcommands extend the command path; options and
    # their values are skipped. Options of enclosing commands are accepted too.
    local -a path=()
    local rules_dir="" all_args="" word metavar i
    local -a given=()
    _backtriage_help "$bin"
    all_args=$_backtriage_h_args
    local subs=$_backtriage_h_subs opts=$_backtriage_h_opts
    for ((i = 1; i < cword; i++)); do
        word=${words[i]}
        case $word in
            --rules=*) rules_dir=${word#*=} ;;
            --*=*) ;;
            -*)
                if [[ " $all_args " == *" $word="* ]]; then
                    [[ $word == --rules ]] && rules_dir=${words[i + 1]-}
                    ((i++))
                fi
                ;;
            *)
                if [[ " $subs " == *" $word "* ]]; then
                    path+=("$word")
                    _backtriage_help "$bin" "${path[@]}"
                    subs=$_backtriage_h_subs
                    opts+=" $_backtriage_h_opts"
                    all_args+=" $_backtriage_h_args"
                else
                    given+=("$word")
                fi
                ;;
        esac
    done
    rules_dir=${rules_dir/#\~/$HOME}

    # The value of an option: --opt=VALUE, or VALUE after --opt.
    if [[ $cur == --*=* ]]; then
        local option=${cur%%=*}
        metavar=" $all_args "
        metavar=${metavar#*" $option="}
        metavar=${metavar%% *}
        cur=${cur#*=}
        [[ " $all_args " == *" $option="* ]] && _backtriage_option_value "$option" "$metavar"
        return
    fi
    if [[ $prev == -* && " $all_args " == *" $prev="* ]]; then
        metavar=" $all_args "
        metavar=${metavar#*" $prev="}
        metavar=${metavar%% *}
        _backtriage_option_value "$prev" "$metavar"
        return
    fi

    if [[ $cur == -* ]]; then
        local -A seen=()
        local o list=""
        for o in $opts; do
            [[ $o == --* && -z ${seen[$o]-} ]] || continue
            [[ ${#path[@]} -gt 0 && $o == --version ]] && continue
            seen[$o]=1
            list+=" $o"
        done
        mapfile -t COMPREPLY < <(compgen -W "$list" -- "$cur")
        return
    fi

    if [[ -n $subs ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$subs" -- "$cur")
        return
    fi

    case "${path[*]}" in
        score | "audit summary") _backtriage_files ;;
        "rules diff") _backtriage_files -d ;;
        eval)
            local id type ids="" types=" "
            while read -r id type; do
                ids+=" $id"
                types+="$id=$type "
            done < <(_backtriage_questions "$bin" "$rules_dir")
            if [[ $cur == *=* ]]; then
                id=${cur%%=*}
                cur=${cur#*=}
                case $types in
                    *" $id=yes_no "* | *" $id=yes/no "*) mapfile -t COMPREPLY < <(compgen -W "yes no" -- "$cur") ;;
                esac
                return
            fi
            local g
            for g in "${given[@]}"; do
                ids=" $ids "
                ids=${ids//" ${g%%=*} "/ }
            done
            mapfile -t COMPREPLY < <(compgen -W "$ids" -S = -- "$cur")
            compopt -o nospace 2>/dev/null
            ;;
    esac
}
complete -F _backtriage backtriage
