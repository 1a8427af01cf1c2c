/**
 * CDK's own custom-resource handler Lambdas, as cdk synth writes them: rule tables use them as
 * valid cases (they run CDK plumbing, never PHI; engine/cdk/plumbing.ts).
 */
import type { ValidCase } from './rule-tester';

export const CDK_PLUMBING_CASES: ValidCase[] = [
  {
    name: "CDK's custom-resource provider handler (handler metadata and provider path)",
    yaml: `
Resources:
  CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F:
    Type: AWS::Lambda::Function
    Metadata:
      aws:cdk:path: EhrStack/Custom::S3AutoDeleteObjectsCustomResourceProvider/Handler
      aws:cdk:is-custom-resource-handler-customResourceProvider: true
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/fn
      Timeout: 900
      Environment:
        Variables:
          AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1'
      Code:
        ZipFile: 'exports.handler = async () => ({})'
`,
  },
  {
    name: "CDK's singleton custom-resource handler",
    yaml: `
Resources:
  SingletonLambda1234:
    Type: AWS::Lambda::Function
    Metadata:
      aws:cdk:is-custom-resource-handler-singleton: true
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/fn
      Environment:
        Variables:
          STAGE: prod
      Code:
        ZipFile: 'exports.handler = async () => ({})'
`,
  },
];
