//! The wire: LSP's `Content-Length` framing over standard input and output, read by a reader of
//! our own so that what lsp-server would die on gets the JSON-RPC 2.0 answer and the server goes
//! on: a body that is not JSON gets `-32700`, a message that is not a valid request,
//! notification or response (an id that is null, fractional, out of range, an array or an
//! object) gets `-32600`.

use lsp_server::{Connection, Message};
use serde_json::{Value, json};
use std::io::{BufRead, Write};
use std::sync::{Arc, Mutex};

/// Larger messages are refused whole: no editor sends a document near this size.
const MAX_MESSAGE_BYTES: usize = 256 << 20;

type Out = Arc<Mutex<std::io::Stdout>>;

/// A connection over standard input and output, and the writer thread to join at the end.
pub(super) fn stdio(out: &Out) -> (Connection, std::thread::JoinHandle<()>) {
    let (to_server, receiver) = crossbeam_channel::unbounded::<Message>();
    let (sender, from_server) = crossbeam_channel::unbounded::<Message>();
    let writer = {
        let out = Arc::clone(out);
        std::thread::spawn(move || {
            for message in from_server {
                let mut o = out
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                if message.write(&mut *o).is_err() {
                    break;
                }
            }
        })
    };
    {
        let out = Arc::clone(out);
        std::thread::spawn(move || {
            let stdin = std::io::stdin();
            read_messages(&mut stdin.lock(), &to_server, &out);
        });
    }
    (Connection { sender, receiver }, writer)
}

fn read_messages<W: Write>(
    input: &mut impl BufRead,
    to_server: &crossbeam_channel::Sender<Message>,
    out: &Mutex<W>,
) {
    loop {
        let body = match read_frame(input) {
            Frame::Body(body) => body,
            Frame::Bad(why) => {
                reply_error(out, Value::Null, -32700, &why);
                continue;
            }
            Frame::End => return,
        };
        match parse(&body) {
            Ok(message) => {
                if to_server.send(message).is_err() {
                    return;
                }
            }
            Err((id, code, why)) => reply_error(out, id, code, &why),
        }
    }
}

enum Frame {
    Body(Vec<u8>),
    /// A frame that could not be read (its body, if any, skipped).
    Bad(String),
    End,
}

fn read_frame<R: BufRead>(input: &mut R) -> Frame {
    let mut length: Option<usize> = None;
    let mut bad_header = None;
    let mut line = Vec::new();
    let mut any = false;
    loop {
        line.clear();
        // A header line is short; one without an end is not LSP.
        match std::io::Read::take(&mut *input, 8192).read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return Frame::End,
            Ok(_) => {}
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if any {
                break;
            }
            continue;
        }
        any = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => {
                        bad_header = Some(format!("invalid Content-Length: {}", value.trim()));
                    }
                }
            }
        } else {
            bad_header = Some("a header line without `:`".into());
        }
    }
    if let Some(why) = bad_header {
        return Frame::Bad(why);
    }
    let Some(length) = length else {
        return Frame::Bad("a message without Content-Length".into());
    };
    if length > MAX_MESSAGE_BYTES {
        // Skipped, not read into memory.
        let skipped = std::io::copy(
            &mut std::io::Read::take(&mut *input, length as u64),
            &mut std::io::sink(),
        );
        return match skipped {
            Ok(n) if n as usize == length => {
                Frame::Bad(format!("a message of {length} bytes is too large"))
            }
            _ => Frame::End,
        };
    }
    let mut body = vec![0; length];
    match input.read_exact(&mut body) {
        Ok(()) => Frame::Body(body),
        Err(_) => Frame::End,
    }
}

/// A valid message, or the id, code and reason of the error response it gets.
fn parse(body: &[u8]) -> Result<Message, (Value, i32, String)> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| (Value::Null, -32700, format!("parse error: {e}")))?;
    let invalid = |id: Value, why: &str| (id, -32600, format!("invalid request: {why}"));
    let Some(object) = value.as_object() else {
        return Err(invalid(Value::Null, "a message is a JSON object"));
    };
    let id = object.get("id");
    if object.contains_key("method") {
        if let Some(id) = id
            && !valid_id(id)
        {
            return Err(invalid(Value::Null, "an id is a string or an integer"));
        }
        if !object.get("method").is_some_and(Value::is_string) {
            return Err(invalid(
                id.cloned().unwrap_or(Value::Null),
                "the method is a string",
            ));
        }
    }
    let id = id.filter(|id| valid_id(id)).cloned().unwrap_or(Value::Null);
    let is_response = !object.contains_key("method")
        && object.contains_key("id")
        && (object.contains_key("result") || object.contains_key("error"));
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Ok(message),
        // A response we cannot read is the client's business; nothing to answer.
        Err(_) if is_response => Err((Value::Null, 0, String::new())),
        Err(e) => Err(invalid(id, &e.to_string())),
    }
}

/// LSP ids are strings or integers (of 32 bits, as lsp-server and most clients hold them).
fn valid_id(id: &Value) -> bool {
    match id {
        Value::String(_) => true,
        Value::Number(n) => n.as_i64().is_some_and(|i| i32::try_from(i).is_ok()),
        _ => false,
    }
}

fn reply_error<W: Write>(out: &Mutex<W>, id: Value, code: i32, why: &str) {
    if code == 0 {
        return;
    }
    let body = json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": why } });
    let body = body.to_string();
    let mut o = out
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let _ = write!(o, "Content-Length: {}\r\n\r\n{body}", body.len());
    let _ = o.flush();
}

/// What the reader makes of `input` (for the fuzz target): the messages it hands on, and the
/// error responses it writes.
pub(crate) fn read_all(input: &[u8]) -> (Vec<Message>, Vec<u8>) {
    let (to_server, received) = crossbeam_channel::unbounded::<Message>();
    let out = Mutex::new(Vec::new());
    read_messages(&mut std::io::Cursor::new(input), &to_server, &out);
    drop(to_server);
    let answered = out
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    (received.into_iter().collect(), answered)
}
