/**
 * A minimal ONNX (protobuf) encoder: enough of ModelProto to write a small float graph with initializers.
 * Field numbers follow onnx.proto; nothing here reads ONNX, onnxruntime does that.
 */

class Writer {
  private parts: Buffer[] = [];

  varint(value: number | bigint) {
    let v = BigInt(value);
    if (v < 0n) v += 1n << 64n;
    const bytes: number[] = [];
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) byte |= 0x80;
      bytes.push(byte);
    } while (v > 0n);
    this.parts.push(Buffer.from(bytes));
    return this;
  }

  tag(field: number, wire: 0 | 2 | 5) {
    return this.varint((field << 3) | wire);
  }

  int(field: number, value: number) {
    return this.tag(field, 0).varint(value);
  }

  bytes(field: number, value: Buffer) {
    this.tag(field, 2).varint(value.length);
    this.parts.push(value);
    return this;
  }

  string(field: number, value: string) {
    return this.bytes(field, Buffer.from(value, "utf8"));
  }

  message(field: number, build: (writer: Writer) => void) {
    const inner = new Writer();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  float(field: number, value: number) {
    const buffer = Buffer.alloc(4);
    buffer.writeFloatLE(value);
    this.tag(field, 5);
    this.parts.push(buffer);
    return this;
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

const FLOAT = 1;
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_INTS = 7;

export type OnnxAttribute = { name: string; int: number } | { name: string; ints: number[] };
export type OnnxNode = { op: string; inputs: string[]; outputs: string[]; attributes?: OnnxAttribute[] };
export type OnnxTensor = { name: string; dims: number[]; values: Float32Array };
/** A graph input or output: float tensors; a string dimension is symbolic (the batch). */
export type OnnxValue = { name: string; dims: (number | string)[] };

export type OnnxModel = {
  producer: string;
  version: number;
  opset: number;
  doc: string;
  metadata: Record<string, string>;
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  initializers: OnnxTensor[];
  nodes: OnnxNode[];
};

function valueInfo(writer: Writer, field: number, value: OnnxValue) {
  writer.message(field, (info) => {
    info.string(1, value.name);
    info.message(2, (type) =>
      type.message(1, (tensor) => {
        tensor.int(1, FLOAT);
        tensor.message(2, (shape) => {
          for (const dim of value.dims) shape.message(1, (d) => (typeof dim === "number" ? d.int(1, dim) : d.string(2, dim)));
        });
      }),
    );
  });
}

export function encodeOnnxModel(model: OnnxModel): Buffer {
  const writer = new Writer();
  writer.int(1, 8); // ir_version
  writer.string(2, model.producer);
  writer.int(5, model.version);
  writer.string(6, model.doc);
  writer.message(7, (graph) => {
    model.nodes.forEach((node, index) =>
      graph.message(1, (n) => {
        node.inputs.forEach((input) => n.string(1, input));
        node.outputs.forEach((output) => n.string(2, output));
        n.string(3, `${node.op.toLowerCase()}_${index}`);
        n.string(4, node.op);
        for (const attribute of node.attributes ?? []) {
          n.message(5, (a) => {
            a.string(1, attribute.name);
            if ("int" in attribute) a.int(3, attribute.int).int(20, ATTRIBUTE_INT);
            else {
              attribute.ints.forEach((value) => a.int(8, value));
              a.int(20, ATTRIBUTE_INTS);
            }
          });
        }
      }),
    );
    graph.string(2, "guard");
    for (const tensor of model.initializers) {
      graph.message(5, (t) => {
        tensor.dims.forEach((dim) => t.int(1, dim));
        t.int(2, FLOAT);
        t.string(8, tensor.name);
        t.bytes(9, Buffer.from(tensor.values.buffer, tensor.values.byteOffset, tensor.values.byteLength));
      });
    }
    model.inputs.forEach((input) => valueInfo(graph, 11, input));
    model.outputs.forEach((output) => valueInfo(graph, 12, output));
  });
  writer.message(8, (opset) => opset.string(1, "").int(2, model.opset));
  for (const [key, value] of Object.entries(model.metadata)) writer.message(14, (entry) => entry.string(1, key).string(2, value));
  return writer.finish();
}
