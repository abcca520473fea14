// Writes the one ONNX graph tuijian generates: an embedding lookup. A hand-written
// protobuf encoder for the few ONNX messages it needs (field numbers from onnx.proto)
// keeps the model generator free of transitive dependencies.
//
//   last_hidden_state[b, s, :] = embeddings[input_ids[b, s], :] · attention_mask[b, s]
//
// The mask multiply makes padded positions exactly zero for any consumer; the
// feature-extraction pipeline's mean pooling then averages the real tokens.

const WIRE_VARINT = 0;
const WIRE_BYTES = 2;
const FLOAT = 1; // TensorProto.DataType
const INT64 = 7;
const ATTR_INT = 2; // AttributeProto.AttributeType
const IR_VERSION = 8;
const OPSET = 13;

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

const key = (field: number, wire: number) => varint(field * 8 + wire);
const int = (field: number, n: number) => Buffer.from([...key(field, WIRE_VARINT), ...varint(n)]);
const bytes = (field: number, data: Uint8Array) => Buffer.concat([Buffer.from([...key(field, WIRE_BYTES), ...varint(data.length)]), data]);
const str = (field: number, s: string) => bytes(field, Buffer.from(s, "utf8"));
const msg = (field: number, parts: Buffer[]) => bytes(field, Buffer.concat(parts));

/** A dimension is a fixed size or a symbolic name (batch, sequence). */
type Dim = number | string;

function valueInfo(field: number, name: string, elemType: number, dims: Dim[]): Buffer {
  const shape = dims.map((d) => msg(1, [typeof d === "number" ? int(1, d) : str(2, d)]));
  const tensorType = msg(1, [int(1, elemType), msg(2, shape)]);
  return msg(field, [str(1, name), msg(2, [tensorType])]);
}

function tensor(field: number, name: string, dataType: number, dims: number[], raw: Uint8Array): Buffer {
  return msg(field, [...dims.map((d) => int(1, d)), int(2, dataType), str(8, name), bytes(9, raw)]);
}

function node(opType: string, inputs: string[], outputs: string[], attrs: Buffer[] = []): Buffer {
  return msg(1, [...inputs.map((i) => str(1, i)), ...outputs.map((o) => str(2, o)), str(3, outputs[0]), str(4, opType), ...attrs]);
}

const intAttr = (name: string, value: number) => msg(5, [str(1, name), int(3, value), int(20, ATTR_INT)]);

const littleEndian = (a: Float32Array | BigInt64Array) => {
  const out = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error("onnx-writer: big-endian hosts are not supported");
  return out;
};

/**
 * The serialised ModelProto of the lookup graph over `embeddings` (rows × dim, row-major):
 * inputs input_ids and attention_mask (int64 [batch, sequence]), output
 * last_hidden_state (float [batch, sequence, dim]).
 */
export function embeddingLookupOnnx(embeddings: Float32Array, rows: number, dim: number, docString: string): Buffer {
  if (embeddings.length !== rows * dim) throw new Error(`onnx-writer: ${embeddings.length} values for ${rows}×${dim}`);
  const seq: Dim[] = ["batch_size", "sequence_length"];
  const graph = [
    node("Gather", ["embeddings", "input_ids"], ["token_vectors"], [intAttr("axis", 0)]),
    node("Cast", ["attention_mask"], ["mask_float"], [intAttr("to", FLOAT)]),
    node("Unsqueeze", ["mask_float", "last_axis"], ["mask_3d"]),
    node("Mul", ["token_vectors", "mask_3d"], ["last_hidden_state"]),
    str(2, "embedding_lookup"),
    tensor(5, "embeddings", FLOAT, [rows, dim], littleEndian(embeddings)),
    tensor(5, "last_axis", INT64, [1], littleEndian(new BigInt64Array([2n]))),
    valueInfo(11, "input_ids", INT64, seq),
    valueInfo(11, "attention_mask", INT64, seq),
    valueInfo(12, "last_hidden_state", FLOAT, [...seq, dim]),
  ];
  return Buffer.concat([
    int(1, IR_VERSION),
    str(2, "tuijian"),
    str(6, docString),
    msg(7, graph),
    msg(8, [str(1, ""), int(2, OPSET)]),
  ]);
}
