"""The `recovery-guide` command: talk to the skill locally, serve it over HTTP, check the content.

    recovery-guide chat [--locale L] [--user ID] [--today YYYY-MM-DD]
    recovery-guide ask TEXT --json [--locale L] [--user ID] [--today YYYY-MM-DD]
    recovery-guide ask --jsonl [--locale L] ...       (one utterance per line on stdin, a fresh session each)
    recovery-guide ask --jsonl --session [--locale L] (the lines are one conversation; a blank line starts another)
    recovery-guide serve [--port P]
    recovery-guide content lint | build | report [--out PATH]
"""
from __future__ import annotations

import argparse
import json
import logging
import sys


def _skill(store: str | None = None):
    from recovery_guide import config as config_module
    from recovery_guide.app import RecoveryGuide
    config = config_module.load()
    if store:
        config = config_module.Config(**{**config.__dict__, "store": store})
    return RecoveryGuide(config)


def _conversation_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--locale", default="en-US", help="en-US, en-GB, en-CA, en-AU or en-IN (default en-US)")
    parser.add_argument("--user", default=None, help="a local user name, so stored preferences are per person")
    parser.add_argument("--today", default=None, help="pretend today is YYYY-MM-DD")


def cmd_chat(args) -> int:
    from .conversation import Conversation
    conversation = Conversation(_skill(), locale=args.locale, user=args.user, today=args.today)
    print("Recovery Guide (local). Type what you would say to Alexa; 'quit' to leave.")
    print("In an emergency, call your local emergency number: Alexa cannot call for you.\n")
    _show(conversation.launch())
    while True:
        try:
            text = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if text.lower() in ("quit", "exit", ":q"):
            return 0
        if not text:
            continue
        turn = conversation.say(text)
        _show(turn)
        if turn.end_session:
            print("(session ended: type again to start a new one)")


def _show(turn) -> None:
    print(f"alexa> {turn.text}")
    if turn.card:
        print(f"  [card] {turn.card.get('title')}: {(turn.card.get('text') or '').splitlines()[0][:100]}")
    for directive in turn.directives:
        print(f"  [directive] {directive}")


def cmd_ask(args) -> int:
    from .conversation import Conversation
    if args.jsonl:
        skill = _skill()

        def fresh():
            return Conversation(skill, locale=args.locale, user=args.user, today=args.today)
        conversation = fresh()
        for line in sys.stdin:
            text = line.strip()
            if not text:
                conversation = fresh()   # with --session, a blank line starts a new conversation
                continue
            if not args.session:
                conversation = fresh()
            turn = conversation.say(text)
            print(json.dumps(turn.as_json(), ensure_ascii=False), flush=True)
            if turn.end_session:
                conversation = fresh()
        return 0
    if not args.text:
        print("ask: give the words to say, or --jsonl to read them from stdin", file=sys.stderr)
        return 2
    turn = Conversation(_skill(), locale=args.locale, user=args.user, today=args.today).say(" ".join(args.text))
    if args.json:
        print(json.dumps(turn.as_json(), ensure_ascii=False, indent=2))
    else:
        _show(turn)
    return 0


def cmd_serve(args) -> int:
    import signal

    from .server import TextingEnabled, make_server
    try:
        server = make_server(_skill(), port=args.port, verify_alexa=args.verify_alexa)
    except TextingEnabled as exc:
        print(f"serve: {exc}. Unset SMS_ENABLED to run it.", file=sys.stderr)
        return 2
    # Stop cleanly on SIGTERM as on Ctrl-C (test harnesses and process managers send it).
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    host, port = server.server_address[:2]
    print(f"Recovery Guide listening on http://{host}:{port}/ (POST a request envelope). Ctrl-C stops.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def cmd_content(args) -> int:
    if args.action == "lint":
        from recovery_guide_authoring.lint import lint_repo
        problems = lint_repo()
        for problem in problems:
            print(problem)
        print(f"content lint: {len(problems)} problem(s)" if problems else "content lint: ok")
        return 1 if problems else 0
    if args.action == "build":
        from recovery_guide_authoring import compile as compile_module
        from recovery_guide_authoring import models, training
        from recovery_guide_authoring.content import load
        paths = compile_module.write() + models.write_all()
        paths += training.write(load(), compile_module.DATA_DIR)
        try:
            from recovery_guide_authoring.affirmations_build import compile_default
            paths.append(compile_default())
        except ImportError:
            pass
        for path in paths:
            print(f"wrote {path}")
        return 0
    if args.action == "report":
        from recovery_guide_authoring.report import write_report
        print(f"wrote {write_report(args.out)}")
        return 0
    return 2


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    parser = argparse.ArgumentParser(prog="recovery-guide", description="Recovery Guide, an Alexa skill, run locally.")
    sub = parser.add_subparsers(dest="command", required=True)
    chat = sub.add_parser("chat", help="talk to the skill in this terminal")
    _conversation_args(chat)
    chat.set_defaults(func=cmd_chat)
    ask = sub.add_parser("ask", help="one turn through the real skill code")
    ask.add_argument("text", nargs="*")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--jsonl", action="store_true", help="read utterances from stdin, one JSON line each")
    ask.add_argument("--session", action="store_true",
                     help="with --jsonl: the lines are one conversation (a blank line starts a new one)")
    _conversation_args(ask)
    ask.set_defaults(func=cmd_ask)
    serve = sub.add_parser(
        "serve", help="a local HTTP endpoint on 127.0.0.1 for Alexa request envelopes (not hosted for Alexa)",
        description="A local endpoint on 127.0.0.1 for Alexa client emulators: POST a request envelope to / and "
                    "get the response envelope. It is not a hosted web service: it refuses cross-origin and "
                    "non-JSON requests and will not start with SMS_ENABLED=true.")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--verify-alexa", action="store_true",
                       help="require Alexa's request signature (Signature-256) and a timestamp within 150 s, "
                            "for the rare case it is put behind an HTTPS tunnel for a real device")
    serve.set_defaults(func=cmd_serve)
    content = sub.add_parser("content", help="check, build or report the content library")
    content.add_argument("action", choices=["lint", "build", "report"])
    content.add_argument("--out", default=None, help="report: where to write the HTML page")
    content.set_defaults(func=cmd_content)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
