/** The Keras-style JSON topology of a model's layers, as TF.js saves it: only TF.js reads it. */
export type ModelTopology = Record<string, unknown>;

/** One entry of TF.js's weight manifest: where one weight lies in the concatenated weights. */
export type WeightSpec = {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64';
  group?: 'model' | 'optimizer';
  quantization?: { scale?: number; min?: number; dtype: 'uint16' | 'uint8' | 'float16' };
};
