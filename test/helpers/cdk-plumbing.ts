/**
 * CDK's own custom-resource handler Lambdas: rule tables use them as valid cases (they run CDK
 * plumbing, never PHI; engine/cdk/plumbing.ts). The cases with an aws:cdk:path and no handler
 * Metadata are as cdk synth writes them (test/fixtures/cdk-synth): aws-cdk-lib records
 * aws:cdk:is-custom-resource-handler-* as construct metadata in the assembly, not in the template.
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
  {
    name: "CDK's S3 bucket notifications handler (a raw AWS::Lambda::Function under its fixed singleton id)",
    yaml: `
Resources:
  BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691:
    Type: AWS::Lambda::Function
    Metadata:
      aws:cdk:path: EhrData/BucketNotificationsHandler050a0587b7544547bf325f094a3db834/Resource
    Properties:
      Description: AWS CloudFormation handler for "Custom::S3BucketNotifications" resources (@aws-cdk/aws-s3)
      Runtime: python3.13
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/notifications
      Timeout: 300
      Code:
        ZipFile: 'def handler(event, context): pass'
`,
  },
  {
    name: "CDK's log retention handler (code from the bootstrap asset bucket)",
    yaml: `
Resources:
  LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A:
    Type: AWS::Lambda::Function
    Metadata:
      aws:cdk:path: EhrApp/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/Resource
      aws:asset:path: asset.2819175352ad1ce0dae768e83fc328fb70fb5f10b4a8ff0ccbcb791f02b0716d
      aws:asset:is-bundled: false
      aws:asset:property: Code
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Timeout: 900
      Role: arn:aws:iam::111122223333:role/log-retention
      Code:
        S3Bucket: !Sub cdk-hnb659fds-assets-\${AWS::AccountId}-\${AWS::Region}
        S3Key: 2819175352ad1ce0dae768e83fc328fb70fb5f10b4a8ff0ccbcb791f02b0716d.zip
`,
  },
  {
    name: "CDK's log retention handler without path metadata (known by its logical id)",
    yaml: `
Resources:
  LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Role: arn:aws:iam::111122223333:role/log-retention
      Code:
        S3Bucket: !Sub cdk-hnb659fds-assets-\${AWS::AccountId}-\${AWS::Region}
        S3Key: 2819175352ad1ce0dae768e83fc328fb70fb5f10b4a8ff0ccbcb791f02b0716d.zip
`,
  },
  {
    name: "CDK's AwsCustomResource handler (a singleton with a fixed UUID, no handler Metadata in the template)",
    yaml: `
Resources:
  AWS679f53fac002430cb0da5b7982bd22872D164C4C:
    Type: AWS::Lambda::Function
    Metadata:
      aws:cdk:path: EhrApp/AWS679f53fac002430cb0da5b7982bd2287/Resource
    Properties:
      Handler: index.handler
      Runtime: nodejs24.x
      Timeout: 120
      Role: arn:aws:iam::111122223333:role/aws-custom-resource
      Code:
        S3Bucket: !Sub cdk-hnb659fds-assets-\${AWS::AccountId}-\${AWS::Region}
        S3Key: 9b8fce7ae7f25ef82fdbaf6b72523b99d0875c0c9c826642819fb51f11d9b125.zip
`,
  },
];
